package dev.backlot.integration.github;

import dev.backlot.platform.config.Config;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Parses {@code integrations.github}: every configured host, and github.com (anonymous) when it is not listed. */
final class GitHubIntegrations {
  static final String GITHUB_COM = "github.com";

  private GitHubIntegrations() {}

  static List<GitHubIntegration> fromConfig(Config config) {
    List<GitHubIntegration> integrations = new ArrayList<>();
    for (Config entry : config.getOptionalConfigList("integrations.github").orElse(List.of())) {
      String host = entry.getOptionalString("host").orElse(GITHUB_COM).toLowerCase(Locale.ROOT);
      String api = entry.getOptionalString("apiBaseUrl").orElse(defaultApi(host));
      List<GitHubApp> apps = entry.getOptionalConfigList("apps").orElse(List.of()).stream()
          .map(app -> GitHubApp.fromConfig(app, host)).toList();
      integrations.add(new GitHubIntegration(host, api.replaceAll("/+$", ""),
          entry.getOptionalString("token").filter(t -> !t.isBlank()), apps));
    }
    if (integrations.stream().noneMatch(i -> i.host().equals(GITHUB_COM))) {
      integrations.add(new GitHubIntegration(GITHUB_COM, defaultApi(GITHUB_COM), Optional.empty(), List.of()));
    }
    return List.copyOf(integrations);
  }

  private static String defaultApi(String host) {
    return host.equals(GITHUB_COM) ? "https://api.github.com" : "https://" + host + "/api/v3";
  }
}
