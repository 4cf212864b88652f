package dev.backlot.integration.github;

import dev.backlot.platform.config.Config;
import dev.backlot.platform.config.ConfigException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One entry of {@code integrations.github[].apps}, in Backstage's shape: {@code appId},
 * {@code privateKey} (PEM, PKCS#1 or PKCS#8, from the environment or Secret Manager through
 * config), {@code clientId}, {@code clientSecret}, {@code webhookSecret} and the optional
 * {@code allowedInstallationOwners}. Only the id, the key and the owner list are used to call
 * GitHub; the rest is accepted so a Backstage config reads unchanged.
 */
record GitHubApp(String appId, String privateKey, Set<String> allowedInstallationOwners) {
  static GitHubApp fromConfig(Config app, String host) {
    String appId = app.getOptionalString("appId")
        .orElseThrow(() -> new ConfigException("integrations.github entry for " + host + " has an app without appId"));
    String key = app.getOptionalString("privateKey").filter(k -> !k.isBlank())
        .orElseThrow(() -> new ConfigException("GitHub App " + appId + " on " + host + " has no privateKey"));
    Set<String> owners = app.getOptionalStringList("allowedInstallationOwners").orElse(List.of()).stream()
        .map(owner -> owner.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    return new GitHubApp(appId, key, owners);
  }

  /** Whether this app may act for {@code owner}: any owner unless allowedInstallationOwners lists some. */
  boolean allows(String owner) {
    return allowedInstallationOwners.isEmpty() || allowedInstallationOwners.contains(owner.toLowerCase(Locale.ROOT));
  }

  @Override
  public String toString() {
    return "GitHubApp[" + appId + "]";
  }
}
