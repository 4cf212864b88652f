package dev.backlot.integration.github;

import java.util.List;
import java.util.Optional;

/**
 * One GitHub host from Backstage's {@code integrations.github}: its web host, its REST API base
 * URL, and how to authenticate there: GitHub Apps ({@code apps}), a {@code token}, or neither
 * (anonymous). The credentials stay inside this package; callers ask {@link GitHubCredentials}.
 */
public final class GitHubIntegration {
  private final String host;
  private final String apiBaseUrl;
  private final Optional<String> token;
  private final List<GitHubApp> apps;

  GitHubIntegration(String host, String apiBaseUrl, Optional<String> token, List<GitHubApp> apps) {
    this.host = host;
    this.apiBaseUrl = apiBaseUrl;
    this.token = token;
    this.apps = List.copyOf(apps);
  }

  /** The web host, lower case: {@code github.com} or a GitHub Enterprise Server host. */
  public String host() {
    return host;
  }

  /** The REST API base URL without a trailing slash, e.g. {@code https://api.github.com}. */
  public String apiBaseUrl() {
    return apiBaseUrl;
  }

  Optional<String> token() {
    return token;
  }

  List<GitHubApp> apps() {
    return apps;
  }

  @Override
  public String toString() {
    // Never print a token or a key.
    return "GitHubIntegration[" + host + " via " + apiBaseUrl + (token.isPresent() ? ", with a token" : "")
        + (apps.isEmpty() ? "" : ", apps " + apps.stream().map(GitHubApp::appId).toList()) + "]";
  }
}
