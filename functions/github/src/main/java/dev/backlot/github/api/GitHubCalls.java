package dev.backlot.github.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlot.integration.github.GitHubCredentials;
import dev.backlot.integration.github.GitHubIntegration;
import dev.backlot.integration.github.GitHubRequests;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.config.ConfigException;
import dev.backlot.platform.http.Json;
import dev.backlot.platform.http.LinkHeader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * GitHub's REST API as this plugin calls it. Every call names the host and the owner (organisation
 * or user) it is about, and the shared {@code integrations.github} credentials decide its
 * {@code Authorization}: the owner's GitHub App installation token, the host's token, or none.
 * Discovery, webhooks and org sync all call GitHub through here: single GETs, and listings
 * followed page by page through the {@code Link: <…>; rel="next"} header.
 */
public final class GitHubCalls {
  public static final String JSON = "application/vnd.github+json";

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
    HttpRequest.Builder request = GitHubRequests.to(URI.create(uri), accept, "backlot-github");
    Optional<String> authorization = authorizationFor(host, owner);
    authorization.ifPresent(value -> request.header("Authorization", value));
    try {
      return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while calling " + uri, e);
    }
  }

  /**
   * Every item of the listing that starts at {@code first}, at most {@code maxPages} pages;
   * {@code what} names it in errors. Anything but 200 on any page fails the whole listing, so a
   * caller never takes part of a list for all of it.
   */
  public List<JsonNode> list(String host, String owner, String first, int maxPages, String what) throws IOException {
    List<JsonNode> items = new ArrayList<>();
    String next = first;
    for (int page = 0; next != null; page++) {
      if (page == maxPages) {
        throw new IOException(what + " run over more than " + maxPages + " pages");
      }
      HttpResponse<byte[]> response = get(host, owner, next, JSON);
      if (response.statusCode() != 200) {
        throw new IOException("GitHub answered " + response.statusCode() + " to " + what);
      }
      Json.MAPPER.readTree(response.body()).forEach(items::add);
      next = response.headers().firstValue("Link").flatMap(LinkHeader::next).orElse(null);
    }
    return items;
  }

  /** One JSON resource; anything but 200 is an error naming {@code what}. */
  public JsonNode object(String host, String owner, String uri, String what) throws IOException {
    HttpResponse<byte[]> response = get(host, owner, uri, JSON);
    if (response.statusCode() != 200) {
      throw new IOException("GitHub answered " + response.statusCode() + " to " + what);
    }
    return Json.MAPPER.readTree(response.body());
  }


  /** A path segment, percent-encoded. */
  public static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
