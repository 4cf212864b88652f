package dev.backlot.catalog.ingestion.github;

import dev.backlot.integration.github.GitHubRequests;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/** GET requests to GitHub's REST API as the catalog sends them: API version, user agent, credentials, conditional when asked. */
final class GitHubApiCalls {
  /** Made at the first call, not at start-up: building the first HttpClient loads TLS and the trust store. */
  private static final class Client {
    static final HttpClient HTTP = HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(10))
        // GitHub redirects renamed repositories; the API host stays the same.
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build();
  }

  <T> HttpResponse<T> get(URI uri, String accept, Optional<String> authorization, Optional<String> ifNoneMatch,
      HttpResponse.BodyHandler<T> body) throws IOException {
    HttpRequest.Builder request = GitHubRequests.to(uri, accept, "backlot-catalog");
    authorization.ifPresent(value -> request.header("Authorization", value));
    ifNoneMatch.ifPresent(etag -> request.header("If-None-Match", etag));
    try {
      return Client.HTTP.send(request.GET().build(), body);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while reading " + uri, e);
    }
  }

  /** One path segment, percent-encoded (a ref's {@code /} included). */
  static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
