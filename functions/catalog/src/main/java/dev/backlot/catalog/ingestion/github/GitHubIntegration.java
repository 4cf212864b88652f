package dev.backlot.catalog.ingestion.github;

import dev.backlot.platform.config.Config;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One GitHub host the catalog may read, in Backstage's {@code integrations.github} shape:
 * {@code host}, {@code apiBaseUrl} (GitHub Enterprise Server: {@code https://<host>/api/v3}) and
 * an optional {@code token}, which comes from the environment or Secret Manager through config.
 */
record GitHubIntegration(String host, String apiBaseUrl, Optional<String> token) {
  static final String GITHUB_COM = "github.com";

  /** The configured hosts; github.com is always one, anonymous unless configured. */
  static List<GitHubIntegration> fromConfig(Config config) {
    List<GitHubIntegration> integrations = new ArrayList<>();
    for (Config entry : config.getOptionalConfigList("integrations.github").orElse(List.of())) {
      String host = entry.getOptionalString("host").orElse(GITHUB_COM).toLowerCase(Locale.ROOT);
      String api = entry.getOptionalString("apiBaseUrl").orElse(defaultApi(host));
      integrations.add(new GitHubIntegration(host, trimmed(api), entry.getOptionalString("token").filter(t -> !t.isBlank())));
    }
    if (integrations.stream().noneMatch(i -> i.host.equals(GITHUB_COM))) {
      integrations.add(new GitHubIntegration(GITHUB_COM, defaultApi(GITHUB_COM), Optional.empty()));
    }
    return List.copyOf(integrations);
  }

  private static String defaultApi(String host) {
    return host.equals(GITHUB_COM) ? "https://api.github.com" : "https://" + host + "/api/v3";
  }

  private static String trimmed(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  @Override
  public String toString() {
    // Never print the token.
    return "GitHubIntegration[" + host + " via " + apiBaseUrl + (token.isPresent() ? ", with a token]" : "]");
  }
}
