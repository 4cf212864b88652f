package dev.backlot.github.api;

import dev.backlot.integration.github.GitHubCredentials;
import dev.backlot.integration.github.GitHubIntegration;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.config.ConfigException;
import java.io.IOException;
import java.time.Duration;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.GitHubBuilder;
import org.kohsuke.github.connector.GitHubConnector;

/**
 * GitHub's REST API through org.kohsuke's github-api, connected to a host of
 * {@code integrations.github} with the credentials the shared integration gives for one owner
 * (organisation or user): its GitHub App installation token, the host's token, or none. The
 * token is asked for on every request, so an installation token renewed in between is used, and
 * one GitHub refused with a 401 is replaced and the request sent again.
 * A rate limit fails the call at once instead of sleeping until the reset: every caller runs
 * inside a request with a deadline, and the next scheduled run or redelivery tries again.
 */
public final class GitHubClients {
  /** One HTTP client for every call, made at the first: a start that calls GitHub later does not pay for it. */
  private static final class Http {
    static final GitHubConnector CONNECTOR = new TimedHttpConnector(Duration.ofSeconds(30));
  }

  private final GitHubCredentials credentials;

  public GitHubClients(GitHubCredentials credentials) {
    this.credentials = credentials;
  }

  public static GitHubClients fromConfig(Config config) {
    return new GitHubClients(GitHubCredentials.fromConfig(config));
  }

  /** The REST API base URL of {@code host}, which integrations.github must list (github.com always is). */
  public String apiBaseUrl(String host) {
    return credentials.integration(host).map(GitHubIntegration::apiBaseUrl)
        .orElseThrow(() -> new ConfigException("integrations.github lists no host " + host));
  }

  /**
   * A client for calls about {@code owner} on {@code host}. A new one each time: github-api keeps
   * every organisation and user it fetched for the client's lifetime, so one client serves one run
   * and the next run sees GitHub's changes.
   */
  public GitHub connect(String host, String owner) throws IOException {
    String apiBaseUrl = apiBaseUrl(host);
    return new GitHubBuilder()
        .withEndpoint(apiBaseUrl)
        .withAuthorizationProvider(() -> credentials.authorizationFor(host, owner).orElse(null))
        .withConnector(new ApiOnlyConnector(apiBaseUrl, new RefusedTokens(credentials, host, owner, Http.CONNECTOR)))
        .withRateLimitHandler(RateLimits.PRIMARY)
        .withAbuseLimitHandler(RateLimits.SECONDARY)
        .build();
  }
}
