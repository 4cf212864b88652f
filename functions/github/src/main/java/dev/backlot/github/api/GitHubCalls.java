package dev.backlot.github.api;

import dev.backlot.integration.github.GitHubCredentials;
import dev.backlot.integration.github.GitHubIntegration;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.config.ConfigException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * GitHub's REST API as this plugin calls it. Every call names the host and the owner (organisation
 * or user) it is about, and the shared {@code integrations.github} credentials decide its
 * {@code Authorization}: the owner's GitHub App installation token, the host's token, or none.
 * Discovery, webhooks and org sync all call GitHub through here.
 */
public final class GitHubCalls {
  private final GitHubCredentials credentials;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  public GitHubCalls(GitHubCredentials credentials) {
    this.credentials = credentials;
  }

  public static GitHubCalls fromConfig(Config config) {
    return new GitHubCalls(GitHubCredentials.fromConfig(config));
  }

  /** The REST API base URL of {@code host}, which integrations.github must list (github.com always is). */
  public String apiBaseUrl(String host) {
    return credentials.integration(host).map(GitHubIntegration::apiBaseUrl)
        .orElseThrow(() -> new ConfigException("integrations.github lists no host " + host));
  }

  /** The {@code Authorization} header for a call about {@code owner} on {@code host}; empty when anonymous. */
  public Optional<String> authorizationFor(String host, String owner) throws IOException {
    return credentials.authorizationFor(host, owner);
  }

  /** {@code GET uri} (below {@code host}'s API base URL) with the credentials for {@code owner}. */
  public HttpResponse<byte[]> get(String host, String owner, String uri, String accept) throws IOException {
    if (!uri.startsWith(apiBaseUrl(host) + "/")) {
      // Credentials go to the configured API only, never to a URL a response suggested.
      throw new IOException(uri + " is not below " + apiBaseUrl(host));
    }
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri))
        .timeout(Duration.ofSeconds(30))
        .header("Accept", accept)
        .header("X-GitHub-Api-Version", "2022-11-28")
        .header("User-Agent", "backlot-github");
    Optional<String> authorization = authorizationFor(host, owner);
    authorization.ifPresent(value -> request.header("Authorization", value));
    try {
      return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while calling " + uri, e);
    }
  }
}
