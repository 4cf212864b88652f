package dev.backlot.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.backlot.platform.http.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
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
  private final HttpServer server;
  /** How long a request waits for its plugin to start, as Cloud Run holds one through a cold start. */
  static final Duration START_WAIT = Duration.ofMinutes(2);

  private final Map<String, Supplier<CompletableFuture<String>>> backends = new ConcurrentSkipListMap<>();
  private volatile byte[] publishedKeys;
  private final HttpRelay relay = new HttpRelay(HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5))
      .followRedirects(HttpClient.Redirect.NEVER)
      .build(), "http");

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
        HttpRelay.respond(exchange, 200, Json.bytes(Map.of("status", "ok")));
        return;
      }
      byte[] keys = publishedKeys;
      if (keys != null && path.equals(LocalKeys.JWKS_PATH)) {
        HttpRelay.respond(exchange, 200, keys);
        return;
      }
      Map.Entry<String, Supplier<CompletableFuture<String>>> route = routeFor(path);
      if (route == null) {
        HttpRelay.error(exchange, 404, "NotFoundError", "No plugin serves " + path);
        return;
      }
      String backend;
      try {
        backend = route.getValue().get().get(START_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException | TimeoutException e) {
        HttpRelay.error(exchange, 503, "ServiceUnavailableError", "The plugin at " + route.getKey() + " did not start"
            + (e instanceof ExecutionException ? ": " + e.getCause().getMessage() : " within " + START_WAIT.toSeconds() + " s"));
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        HttpRelay.error(exchange, 503, "ServiceUnavailableError", "Interrupted while the plugin at " + route.getKey() + " started");
        return;
      }
      URI incoming = exchange.getRequestURI();
      relay.forward(exchange, URI.create(backend + incoming.getRawPath() + (incoming.getRawQuery() == null ? "" : "?" + incoming.getRawQuery())),
          request -> {});
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

  @Override
  public void close() {
    server.stop(0);
  }
}
