package dev.backlot.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.backlot.platform.http.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The local stand-in for API Gateway: routes {@code /api/<id>/**} to the plugin's process by the
 * route prefixes in the manifests, forwarding the full path as API Gateway does with
 * APPEND_PATH_TO_ADDRESS, and streaming bodies both ways. Until the SSO shell exists it also
 * publishes the local user-token keys at {@code /.well-known/jwks.json}, which every function
 * fetches to verify callers.
 */
public final class Gateway implements AutoCloseable {
  // Hop-by-hop headers, and those java.net.http sets itself.
  private static final Set<String> NOT_FORWARDED = Set.of("connection", "keep-alive", "proxy-authenticate",
      "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host", "content-length", "expect");

  private final HttpServer server;
  /** How long a request waits for its plugin to start, as Cloud Run holds one through a cold start. */
  static final Duration START_WAIT = Duration.ofMinutes(2);

  private final Map<String, Supplier<CompletableFuture<String>>> backends = new ConcurrentSkipListMap<>();
  private volatile byte[] publishedKeys;
  private final HttpClient client = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5))
      .followRedirects(HttpClient.Redirect.NEVER)
      .build();

  /** {@code backends} maps a route prefix such as {@code /api/catalog} to a base URL. */
  public Gateway(InetSocketAddress address, Map<String, String> backends) throws IOException {
    backends.forEach((prefix, baseUrl) -> route(prefix, () -> CompletableFuture.completedFuture(baseUrl)));
    this.server = HttpServer.create(address, 64);
    server.createContext("/", this::handle);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
  }

  /** Serves {@code jwks} at {@code /.well-known/jwks.json}. */
  Gateway publishingKeys(String jwks) {
    this.publishedKeys = jwks.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return this;
  }

  /**
   * Routes {@code prefix} to the base URL that {@code backend} gives for each request once it
   * completes: a plugin may start on its first request, which waits for it.
   */
  void route(String prefix, Supplier<CompletableFuture<String>> backend) {
    backends.put(prefix, backend);
  }

  public Gateway start() {
    server.start();
    return this;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getRawPath();
      if (path.equals("/healthcheck")) {
        respond(exchange, 200, Json.bytes(Map.of("status", "ok")));
        return;
      }
      byte[] keys = publishedKeys;
      if (keys != null && path.equals(LocalKeys.JWKS_PATH)) {
        respond(exchange, 200, keys);
        return;
      }
      Map.Entry<String, Supplier<CompletableFuture<String>>> route = routeFor(path);
      if (route == null) {
        error(exchange, 404, "NotFoundError", "No plugin serves " + path);
        return;
      }
      String backend;
      try {
        backend = route.getValue().get().get(START_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException | TimeoutException e) {
        error(exchange, 503, "ServiceUnavailableError", "The plugin at " + route.getKey() + " did not start"
            + (e instanceof ExecutionException ? ": " + e.getCause().getMessage() : " within " + START_WAIT.toSeconds() + " s"));
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        error(exchange, 503, "ServiceUnavailableError", "Interrupted while the plugin at " + route.getKey() + " started");
        return;
      }
      forward(exchange, backend);
    }
  }

  private Map.Entry<String, Supplier<CompletableFuture<String>>> routeFor(String path) {
    for (Map.Entry<String, Supplier<CompletableFuture<String>>> route : backends.entrySet()) {
      String prefix = route.getKey();
      if (path.equals(prefix) || path.startsWith(prefix + "/")) {
        return route;
      }
    }
    return null;
  }

  private void forward(HttpExchange exchange, String backend) throws IOException {
    URI incoming = exchange.getRequestURI();
    String target = backend + incoming.getRawPath() + (incoming.getRawQuery() == null ? "" : "?" + incoming.getRawQuery());
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target))
        .method(exchange.getRequestMethod(), bodyOf(exchange));
    exchange.getRequestHeaders().forEach((name, values) -> {
      if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
        values.forEach(value -> request.header(name, value));
      }
    });
    String caller = exchange.getRemoteAddress().getAddress().getHostAddress();
    String previous = exchange.getRequestHeaders().getFirst("X-Forwarded-For");
    request.setHeader("X-Forwarded-For", previous == null ? caller : previous + ", " + caller);
    request.setHeader("X-Forwarded-Proto", "http");
    String host = exchange.getRequestHeaders().getFirst("Host");
    if (host != null) {
      request.setHeader("X-Forwarded-Host", host);
    }
    HttpResponse<InputStream> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      error(exchange, 502, "BadGatewayError", "Plugin at " + backend + " is unreachable: " + e.getMessage());
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      error(exchange, 502, "BadGatewayError", "Interrupted while calling " + backend);
      return;
    }
    response.headers().map().forEach((name, values) -> {
      if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
        exchange.getResponseHeaders().put(name, values);
      }
    });
    long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
    boolean noBody = exchange.getRequestMethod().equals("HEAD") || response.statusCode() == 204 || response.statusCode() == 304;
    exchange.sendResponseHeaders(response.statusCode(), noBody ? -1 : (length == 0 ? -1 : Math.max(length, 0)));
    try (InputStream body = response.body(); OutputStream out = exchange.getResponseBody()) {
      if (!noBody) {
        body.transferTo(out);
      }
    }
  }

  private static HttpRequest.BodyPublisher bodyOf(HttpExchange exchange) {
    String length = exchange.getRequestHeaders().getFirst("Content-Length");
    boolean chunked = "chunked".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Transfer-Encoding"));
    if ((length == null || length.equals("0")) && !chunked) {
      return HttpRequest.BodyPublishers.noBody();
    }
    HttpRequest.BodyPublisher stream = HttpRequest.BodyPublishers.ofInputStream(exchange::getRequestBody);
    return length == null ? stream : HttpRequest.BodyPublishers.fromPublisher(stream, Long.parseLong(length));
  }

  private static void error(HttpExchange exchange, int status, String name, String message) throws IOException {
    URI uri = exchange.getRequestURI();
    ObjectNode body = Json.object();
    body.putObject("error").put("name", name).put("message", message);
    body.putObject("request").put("method", exchange.getRequestMethod())
        .put("url", uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
    body.putObject("response").put("statusCode", status);
    respond(exchange, status, Json.bytes(body));
  }

  private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.getResponseHeaders().put("Content-Type", List.of("application/json; charset=utf-8"));
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
