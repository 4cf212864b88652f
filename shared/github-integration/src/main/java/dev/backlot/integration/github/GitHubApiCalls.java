package dev.backlot.integration.github;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Requests to GitHub's REST API as every Backlot plugin sends them (the catalog's url locations,
 * techdocs' docs folders, the scaffolder's actions, the credentials' own calls through {@link
 * GitHubRest}): API version, the caller's user agent, credentials, conditional when asked.
 *
 * <p>Redirects are followed by hand, and only within the origin (scheme, host, port) of the request:
 * GitHub answers a renamed or moved repository with a 301 to {@code /repositories/<id>/...} on the
 * same API host (a 307 for a request with a body, which is sent again with it; a 301 or 302 to one
 * is not followed, as its method would be in doubt). A redirect anywhere else is answered as it
 * came (a 3xx, which callers treat as a failed call), so the request's {@code Authorization} never
 * reaches another host.
 */
public final class GitHubApiCalls {
  /** Redirects followed for one request: GitHub's moved repositories need one. */
  static final int MAX_REDIRECTS = 3;

  /** Made at the first call, not at start-up: building the first HttpClient loads TLS and the trust store. */
  private static final class Client {
    static final HttpClient HTTP = HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(10))
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  private final String userAgent;

  /** Requests that name {@code userAgent} ({@code backlot-catalog}, {@code backlot-techdocs}): GitHub asks for one that says who calls. */
  public GitHubApiCalls(String userAgent) {
    this.userAgent = userAgent;
  }

  public <T> HttpResponse<T> get(URI uri, String accept, Optional<String> authorization, Optional<String> ifNoneMatch,
      HttpResponse.BodyHandler<T> body) throws IOException {
    return send("GET", uri, accept, authorization, ifNoneMatch, null, body);
  }

  /** A request with {@code method} and, unless null, a JSON {@code content}. */
  public <T> HttpResponse<T> send(String method, URI uri, String accept, Optional<String> authorization, Optional<String> ifNoneMatch,
      byte[] content, HttpResponse.BodyHandler<T> body) throws IOException {
    URI target = uri;
    for (int redirects = 0; ; redirects++) {
      HttpRequest.Builder request = GitHubRequests.to(target, accept, userAgent)
          .method(method, content == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(content));
      if (content != null) {
        request.header("Content-Type", "application/json");
      }
      authorization.ifPresent(value -> request.header("Authorization", value));
      ifNoneMatch.ifPresent(etag -> request.header("If-None-Match", etag));
      HttpResponse<T> response = send(request.build(), body);
      Optional<URI> next = sameOriginRedirect(target, response, method.equals("GET") || method.equals("HEAD"));
      if (next.isEmpty() || redirects >= MAX_REDIRECTS) {
        return response;
      }
      if (response.body() instanceof InputStream unread) {
        unread.close();
      }
      target = next.get();
    }
  }

  /** One path segment, percent-encoded (a ref's {@code /} included). */
  public static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static Optional<URI> sameOriginRedirect(URI from, HttpResponse<?> response, boolean safeMethod) {
    int status = response.statusCode();
    if (!(status == 307 || status == 308 || safeMethod && (status == 301 || status == 302))) {
      return Optional.empty();
    }
    Optional<String> location = response.headers().firstValue("Location");
    if (location.isEmpty()) {
      return Optional.empty();
    }
    URI to;
    try {
      to = from.resolve(location.get());
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    boolean sameOrigin = Objects.equals(lower(from.getScheme()), lower(to.getScheme()))
        && Objects.equals(lower(from.getHost()), lower(to.getHost())) && port(from) == port(to)
        && to.getRawUserInfo() == null;
    return sameOrigin ? Optional.of(to) : Optional.empty();
  }

  private static String lower(String value) {
    return value == null ? null : value.toLowerCase(Locale.ROOT);
  }

  private static int port(URI uri) {
    return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }

  private static <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) throws IOException {
    try {
      return Client.HTTP.send(request, body);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while calling " + request.method() + " " + request.uri().getPath(), e);
    }
  }
}
