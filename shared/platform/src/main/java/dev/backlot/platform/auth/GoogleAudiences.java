package dev.backlot.platform.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.config.ConfigException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Who plugins are to one another in GCP, from {@code backend.auth.serviceTokens.google}: a call
 * to plugin {@code id} carries a Google ID token whose audience is that plugin's service URL,
 * {@code audienceTemplate} with {@code {plugin}} replaced (or a fixed {@code audience} for this
 * service alone). {@code serviceAccounts} names who may call: each account is a service principal
 * of its own ({@code plugin:<name>}, where the name is a plugin id or {@code scheduler}, {@code
 * shell}, {@code gateway}, {@code deploy}), given as a map of name to e-mail or, as an environment
 * variable carries it, {@code name=email} pairs separated by commas. {@code proxyServiceAccounts},
 * comma-separated e-mails, lists those of them that only pass callers on (API Gateway): their
 * token alone is nobody.
 */
final class GoogleAudiences {
  private GoogleAudiences() {}

  /** The audience tokens for {@code target} (a plugin id, or already a URL) are requested for. */
  static String of(Config google, String target) {
    if (target.contains("://") || !google.has("audienceTemplate")) {
      return target;
    }
    return google.getString("audienceTemplate").replace("{plugin}", target);
  }

  /** The audience this plugin accepts. */
  static String accepted(Config google, String pluginId) {
    return google.has("audience") ? google.getString("audience") : of(google, pluginId);
  }

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

  /** Service principal names by service account e-mail. */
  static Map<String, String> serviceAccounts(Config google) {
    JsonNode node = google.toJson().get("serviceAccounts");
    List<String[]> pairs = new ArrayList<>();
    if (node != null && node.isObject()) {
      node.properties().forEach(e -> pairs.add(new String[] {e.getKey(), e.getValue().asText()}));
    } else {
      List<String> entries = node != null && node.isTextual() ? Arrays.asList(node.asText().split(",")) : google.getStringList("serviceAccounts");
      for (String entry : entries) {
        if (entry.isBlank()) {
          continue;
        }
        int equals = entry.indexOf('=');
        if (equals < 0) {
          throw new ConfigException("backend.auth.serviceTokens.google.serviceAccounts: name each account, as in scheduler="
              + entry.trim() + " (a plugin id, scheduler, shell, gateway or deploy)");
        }
        pairs.add(new String[] {entry.substring(0, equals).trim(), entry.substring(equals + 1).trim()});
      }
    }
    Map<String, String> byEmail = new LinkedHashMap<>();
    for (String[] pair : pairs) {
      if (!NAME.matcher(pair[0]).matches() || pair[1].isEmpty()) {
        throw new ConfigException("backend.auth.serviceTokens.google.serviceAccounts: invalid entry '" + pair[0] + "=" + pair[1] + "'");
      }
      if (byEmail.put(pair[1], pair[0]) != null) {
        throw new ConfigException("backend.auth.serviceTokens.google.serviceAccounts: " + pair[1] + " is named twice");
      }
    }
    return Map.copyOf(byEmail);
  }

  static Set<String> proxyServiceAccounts(Config google) {
    if (!google.has("proxyServiceAccounts")) {
      return Set.of();
    }
    JsonNode node = google.toJson().get("proxyServiceAccounts");
    List<String> emails = node.isTextual() ? Arrays.asList(node.asText().split(",")) : google.getStringList("proxyServiceAccounts");
    return emails.stream().map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
  }
}
