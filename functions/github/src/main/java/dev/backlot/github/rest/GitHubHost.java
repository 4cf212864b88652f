package dev.backlot.github.rest;

import dev.backlot.platform.config.Config;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A GitHub host as {@code integrations.github} configures it (Backstage's shape: {@code host},
 * {@code apiBaseUrl}, {@code token}), as the catalog reads it: github.com's API is
 * api.github.com, a GitHub Enterprise Server's {@code https://<host>/api/v3}.
 */
public record GitHubHost(String host, String apiBaseUrl, Optional<String> token) {
  public static GitHubHost fromConfig(Config config, String host) {
    String name = host.toLowerCase(Locale.ROOT);
    Optional<Config> integration = config.getOptionalConfigList("integrations.github").orElse(List.of()).stream()
        .filter(i -> i.getOptionalString("host").orElse("github.com").equalsIgnoreCase(name)).findFirst();
    String api = integration.flatMap(i -> i.getOptionalString("apiBaseUrl"))
        .orElse(name.equals("github.com") ? "https://api.github.com" : "https://" + name + "/api/v3");
    return new GitHubHost(name, api.replaceAll("/+$", ""), integration.flatMap(i -> i.getOptionalString("token")).filter(t -> !t.isBlank()));
  }

  /**
   * The {@code Authorization} header of requests to this host, the one place that chooses the
   * credentials (a GitHub App's installation token would be chosen here); empty reads anonymously.
   */
  public Optional<String> authorization() {
    return token.map(value -> "Bearer " + value);
  }

  /** The web address of {@code path} on this host ({@code https://github.com/orgs/acme}). */
  public String webUrl(String path) {
    return "https://" + host + "/" + path;
  }

  @Override
  public String toString() {
    // The token stays out of logs and error messages.
    return "GitHubHost[" + host + ", " + apiBaseUrl + "]";
  }
}
