package dev.backlot.platform.auth;

import dev.backlot.platform.config.Config;
import dev.backlot.platform.config.ConfigException;
import dev.backlot.platform.http.HttpError;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Backstage's {@code backend.auth.externalAccess} entries of {@code type: static}: long-lived
 * tokens for scripts and other systems. Tokens are compared as SHA-256 digests in constant time,
 * against every entry, so neither timing nor order tells a guesser anything.
 */
final class StaticTokens {
  private static final Pattern NO_WHITESPACE = Pattern.compile("\\S+");
  private static final Pattern SUBJECT = Pattern.compile("[a-zA-Z0-9_\\-.]+");

  private record Entry(byte[] digest, String subject, Set<String> plugins) {}

  private final List<Entry> entries;

  private StaticTokens(List<Entry> entries) {
    this.entries = entries;
  }

  static StaticTokens fromConfig(Config auth) {
    List<Entry> entries = new ArrayList<>();
    for (Config access : auth.getOptionalConfigList("externalAccess").orElse(List.of())) {
      String type = access.getString("type");
      if (!type.equals("static")) {
        throw new ConfigException("Unsupported type '" + type + "' in backend.auth.externalAccess; Backlot supports type: static");
      }
      String token = access.getString("options.token");
      if (!NO_WHITESPACE.matcher(token).matches()) {
        throw new ConfigException("Illegal token in backend.auth.externalAccess, must be a set of non-space characters");
      }
      if (token.length() < 8) {
        throw new ConfigException("Illegal token in backend.auth.externalAccess, must be at least 8 characters length");
      }
      String subject = access.getString("options.subject");
      if (!SUBJECT.matcher(subject).matches()) {
        throw new ConfigException("Illegal subject '" + subject + "' in backend.auth.externalAccess, must be a set of letters, digits, '_', '-' and '.'");
      }
      entries.add(new Entry(digest(token), subject, plugins(access)));
    }
    return new StaticTokens(List.copyOf(entries));
  }

  /** The plugins the token may call; empty means every plugin. */
  private static Set<String> plugins(Config access) {
    List<String> plugins = new ArrayList<>();
    for (Config restriction : access.getOptionalConfigList("accessRestrictions").orElse(List.of())) {
      if (restriction.has("permission") || restriction.has("permissionAttribute")) {
        // Granting the whole plugin would allow more than the entry says: refuse rather than widen.
        throw new ConfigException("backend.auth.externalAccess: permission restrictions are not supported yet; restrict by plugin only");
      }
      plugins.add(restriction.getString("plugin"));
    }
    return Set.copyOf(plugins);
  }

  /** The caller's identity when {@code token} is one of the configured tokens. */
  Optional<Identity> identify(String token, String pluginId) {
    byte[] presented = digest(token);
    Entry match = null;
    for (Entry entry : entries) {
      if (MessageDigest.isEqual(entry.digest, presented) && match == null) {
        match = entry;
      }
    }
    if (match == null) {
      return Optional.empty();
    }
    if (!match.plugins.isEmpty() && !match.plugins.contains(pluginId)) {
      throw HttpError.notAllowed("This token's access is restricted to plugin(s) '" + String.join("', '", match.plugins.stream().sorted().toList()) + "'");
    }
    return Optional.of(new Identity(Identity.Kind.EXTERNAL, "external:" + match.subject, List.of()));
  }

  private static byte[] digest(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
