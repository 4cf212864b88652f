package dev.backlot.platform.auth;

import dev.backlot.platform.config.Config;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who plugins are to one another in GCP, from {@code backend.auth.serviceTokens.google}: a call
 * to plugin {@code id} carries a Google ID token whose audience is that plugin's service URL,
 * {@code audienceTemplate} with {@code {plugin}} replaced (or a fixed {@code audience} for this
 * service alone); {@code serviceAccounts} lists who may call, as a list or, as an environment
 * variable carries it, comma-separated. {@code proxyServiceAccounts}, in the same form, lists
 * those of them that only pass callers on (API Gateway): their token alone is nobody.
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

  static Set<String> serviceAccounts(Config google) {
    return accounts(google, "serviceAccounts");
  }

  static Set<String> proxyServiceAccounts(Config google) {
    return google.has("proxyServiceAccounts") ? accounts(google, "proxyServiceAccounts") : Set.of();
  }

  private static Set<String> accounts(Config google, String key) {
    var node = google.toJson().get(key);
    if (node != null && node.isTextual()) {
      return Arrays.stream(node.asText().split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }
    return Set.copyOf(google.getStringList(key));
  }
}
