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

  /** {@code plugins}: what the token may do in each plugin it may call; empty when it may call every plugin. */
  private record Entry(byte[] digest, String subject, java.util.Map<String, AccessRestrictions> plugins) {}

  private static final Set<String> RESTRICTION_KEYS = Set.of("plugin", "permission", "permissionAttribute");
  private static final List<String> ACTIONS = List.of("create", "read", "update", "delete");

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

  /**
   * Backstage's {@code accessRestrictions}: per plugin the token may call, the permissions
   * ({@code permission}: names, a list or one string separated by commas or spaces) and actions
   * ({@code permissionAttribute: {action}}) it is restricted to. Anything Backstage would refuse
   * at start-up is refused here too, with Backstage's words.
   */
  private static java.util.Map<String, AccessRestrictions> plugins(Config access) {
    java.util.Map<String, AccessRestrictions> plugins = new java.util.LinkedHashMap<>();
    for (Config restriction : access.getOptionalConfigList("accessRestrictions").orElse(List.of())) {
      for (String key : keys(restriction)) {
        if (!RESTRICTION_KEYS.contains(key)) {
          throw new ConfigException("Invalid key '" + key + "' in 'accessRestrictions' config, expected one of 'plugin', 'permission', 'permissionAttribute'");
        }
      }
      String plugin = restriction.getString("plugin");
      if (plugins.containsKey(plugin)) {
        throw new ConfigException("Attempted to declare 'accessRestrictions' twice for plugin '" + plugin + "', which is not permitted");
      }
      Set<String> actions = null;
      Optional<Config> attributes = restriction.getOptionalConfig("permissionAttribute");
      if (attributes.isPresent()) {
        for (String key : keys(attributes.get())) {
          if (!key.equals("action")) {
            throw new ConfigException("Invalid key '" + key + "' in 'permissionAttribute' config, expected 'action'");
          }
        }
        actions = words(attributes.get(), "action");
        for (String action : actions == null ? Set.<String>of() : actions) {
          if (!ACTIONS.contains(action)) {
            throw new ConfigException("Invalid value '" + action + "' at 'action' in 'permissionAttributes' config, valid values are 'create', 'read', 'update', 'delete'");
          }
        }
      }
      plugins.put(plugin, new AccessRestrictions(words(restriction, "permission"), actions));
    }
    return java.util.Map.copyOf(plugins);
  }

  private static List<String> keys(Config config) {
    List<String> keys = new ArrayList<>();
    config.toJson().fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  /** A string or list of strings split at commas and spaces, as Backstage reads them; null when absent or empty. */
  private static Set<String> words(Config config, String key) {
    if (!config.has(key)) {
      return null;
    }
    List<String> values = config.toJson().get(key).isArray() ? config.getStringList(key) : List.of(config.getString(key));
    Set<String> words = new java.util.LinkedHashSet<>();
    for (String value : values) {
      for (String word : value.split("[ ,]")) {
        if (!word.isEmpty()) {
          words.add(word);
        }
      }
    }
    return words.isEmpty() ? null : words;
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
    if (!match.plugins.isEmpty() && !match.plugins.containsKey(pluginId)) {
      throw HttpError.notAllowed("This token's access is restricted to plugin(s) '" + String.join("', '", match.plugins.keySet().stream().sorted().toList()) + "'");
    }
    return Optional.of(new Identity(Identity.Kind.EXTERNAL, "external:" + match.subject, List.of(),
        match.plugins.getOrDefault(pluginId, AccessRestrictions.NONE)));
  }

  private static byte[] digest(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
