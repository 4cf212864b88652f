package dev.backlot.github.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlot.integration.github.GitHubCredentials;
import dev.backlot.integration.github.GitHubIntegration;
import dev.backlot.integration.github.GitHubRest;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.config.ConfigException;
import dev.backlot.platform.http.Json;
import dev.backlot.platform.http.LinkHeader;
import dev.backlot.platform.http.SharedHttpClient;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.GitHubBuilder;
import org.kohsuke.github.connector.GitHubConnector;

/**
 * GitHub's REST API through org.kohsuke's github-api, connected to a host of
 * {@code integrations.github} with the credentials the shared integration gives for one owner
 * (organisation or user): its GitHub App installation token, the host's token, or none. The
 * token is asked for on every request, so an installation token renewed in between is used, and
 * one GitHub refused with a 401 is replaced and the request sent again. A rate limit fails the
 * call at once instead of sleeping until the reset: every caller runs inside a request with a
 * deadline, and the next scheduled run or redelivery tries again. Listings whose fields
 * github-api's models drop are also read here as JSON.
 */
public final class GitHubClients {
  /** github-api's connector, made at the first call like the HTTP client under it. */
  private static final class Http {
    static final GitHubConnector CONNECTOR = new TimedHttpConnector(SharedHttpClient.get(), Duration.ofSeconds(30));
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

  /** Whether {@code integrations.github} lists {@code host} (github.com always is). */
  public boolean knowsHost(String host) {
    return credentials.integration(host).isPresent();
  }

  /**
   * Every item of the listing at {@code path} (below {@code host}'s API base URL, with its query)
   * as JSON, for the fields github-api's models lack: a team's {@code parent} in {@code GET
   * /orgs/{org}/teams}, a repository's {@code topics} in {@code GET /orgs/{org}/repos}. The same
   * credentials, pages ({@code Link: <…>; rel="next"}, below the API base URL only) and time
   * limits as github-api's calls; anything but 200 on any page fails the whole listing, naming
   * {@code what}, so a part is never taken for all of it.
   */
  public List<JsonNode> listing(String host, String owner, String path, String what) throws IOException {
    String apiBaseUrl = apiBaseUrl(host);
    List<JsonNode> items = new ArrayList<>();
    for (String next = apiBaseUrl + path; next != null; ) {
      if (!next.startsWith(apiBaseUrl + "/")) {
        throw new IOException(what + ": the next page " + next + " is not below " + apiBaseUrl);
      }
      HttpResponse<byte[]> response = call(host, owner, "GET", next.substring(apiBaseUrl.length()));
      if (response.statusCode() != 200) {
        throw new IOException("GitHub answered " + response.statusCode() + " to " + what);
      }
      Json.MAPPER.readTree(response.body()).forEach(items::add);
      next = response.headers().firstValue("Link").flatMap(LinkHeader::next).orElse(null);
    }
    return items;
  }

  /**
   * One call to {@code path} (below {@code host}'s API base URL, with its query) with the same
   * credentials and time limits as the listings, answered whatever its status: for reads and
   * actions github-api has no model of, or whose status the caller tells apart (GitHub Actions'
   * runs, jobs and re-runs). An installation token GitHub answers 401 to is forgotten and the call
   * sent once more with a new one.
   */
  public HttpResponse<byte[]> call(String host, String owner, String method, String path) throws IOException {
    Optional<String> authorization = credentials.authorizationFor(host, owner);
    HttpResponse<byte[]> response = rest(host, authorization).send(method, path, null);
    if (response.statusCode() == 401 && authorization.isPresent()) {
      credentials.refused(host, owner, authorization.get());
      Optional<String> renewed = credentials.authorizationFor(host, owner);
      if (!renewed.equals(authorization)) {
        response = rest(host, renewed).send(method, path, null);
      }
    }
    return response;
  }

  private GitHubRest rest(String host, Optional<String> authorization) {
    return new GitHubRest(apiBaseUrl(host), authorization, "backlot-github");
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
