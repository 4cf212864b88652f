package dev.backlot.shell;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.backlot.platform.auth.Authenticator;
import dev.backlot.platform.auth.Identity;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.http.HttpError;
import dev.backlot.platform.http.Json;
import dev.backlot.testing.TestTokens;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A loopback gateway in front of the real catalog function: it verifies every caller with the
 * platform's own authenticator (user tokens against the shell's JWKS, service tokens with the
 * shared key), answers a whoami (who the token says is calling), a large body and an echo itself,
 * and passes every other {@code /api/catalog/**} call on to the catalog.
 */
final class GatewayStub implements AutoCloseable {
  static final int LARGE_BODY_BYTES = 8 * 1024 * 1024;

  /** Counted down by a reader of {@code /api/catalog/large} once its first bytes have arrived. */
  final java.util.concurrent.CountDownLatch largeBodyFirstBytesRead = new java.util.concurrent.CountDownLatch(1);
  /** Whether {@code /api/catalog/large} went on because its reader had its first bytes (not after a wait of 20 s). */
  volatile boolean largeBodyReleasedByReader;

  /** Calls services (not people) made through this gateway; the shell finds people in the catalog directly. */
  final java.util.concurrent.atomic.AtomicInteger serviceCalls = new java.util.concurrent.atomic.AtomicInteger();

  private final HttpServer server;
  private final String catalogUrl;
  private final HttpClient http = HttpClient.newHttpClient();
  private volatile Authenticator authenticator;

  /** A gateway to the catalog at {@code catalogUrl}. */
  GatewayStub(String catalogUrl) throws IOException {
    this.catalogUrl = catalogUrl;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  /** From now on, verify as a function configured with {@code auth} (backend.auth) would. */
  void verifyWith(Map<String, Object> auth) {
    authenticator = Authenticator.fromConfig(Config.of(Map.of("backend", Map.of("auth", auth))), "catalog");
  }

  /** From now on, verify as the functions behind {@code shellUrl} would: its user tokens, and service tokens of the test key. */
  void verifyTokensOf(String shellUrl) {
    verifyWith(Map.of(
        "userTokens", Map.of("jwksUrl", shellUrl + "/.well-known/jwks.json", "issuer", "backlot", "audience", "backlot"),
        "serviceTokens", Map.of("local", Map.of("privateKey", TestTokens.serviceKey().toJSONString()))));
  }

  Identity identify(String authorization) {
    return authenticator.identify(authorization);
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Identity caller;
      try {
        caller = identify(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
      } catch (HttpError e) {
        respond(exchange, 401, Map.of("error", e.getMessage()));
        return;
      }
      if (caller.kind() == Identity.Kind.SERVICE) {
        serviceCalls.incrementAndGet();
      }
      String path = exchange.getRequestURI().getPath();
      if (path.equals("/api/catalog/whoami")) {
        respond(exchange, 200, Map.of("subject", caller.subject(), "ownership", caller.ownershipRefs(),
            "cookie", String.valueOf(exchange.getRequestHeaders().getFirst("Cookie")),
            "path", exchange.getRequestURI().getRawPath(), "forwardingHeaders", forwardingHeaders(exchange)));
      } else if (path.equals("/api/catalog/page-with-its-own-policy")) {
        // What a plugin, or a third party behind the proxy plugin, might answer: a page that loosens
        // the browser's rules for the portal's origin.
        byte[] page = "<!doctype html><script>alert(document.cookie)</script>".getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html");
        exchange.getResponseHeaders().set("Content-Security-Policy", "script-src * 'unsafe-inline'");
        exchange.getResponseHeaders().set("Referrer-Policy", "unsafe-url");
        exchange.getResponseHeaders().set("X-Frame-Options", "ALLOWALL");
        exchange.sendResponseHeaders(200, page.length);
        exchange.getResponseBody().write(page);
      } else if (path.equals("/api/catalog/large")) {
        exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
        exchange.sendResponseHeaders(200, 0);
        byte[] chunk = new byte[64 * 1024];
        try (OutputStream out = exchange.getResponseBody()) {
          for (int sent = 0; sent < LARGE_BODY_BYTES; sent += chunk.length) {
            java.util.Arrays.fill(chunk, (byte) ('a' + (sent / chunk.length) % 26));
            out.write(chunk);
            if (sent == 0) {
              // The rest follows only once the browser has the start: a shell that buffered
              // whole bodies would hold it back until this wait ran out.
              out.flush();
              try {
                largeBodyReleasedByReader = largeBodyFirstBytesRead.await(20, java.util.concurrent.TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
              }
            }
          }
        }
      } else if (path.equals("/api/catalog/echo")) {
        byte[] body = exchange.getRequestBody().readAllBytes();
        exchange.getResponseHeaders().set("Content-Type", "text/plain");
        exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
        exchange.getResponseBody().write(body);
      } else if (path.startsWith("/api/catalog/")) {
        toCatalog(exchange);
      } else {
        respond(exchange, 404, Map.of("error", "no " + path));
      }
    }
  }

  /** Passes the call on to the catalog as it came, and its answer back. */
  private void toCatalog(HttpExchange exchange) throws IOException {
    URI target = URI.create(catalogUrl + exchange.getRequestURI().getRawPath()
        + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()));
    HttpRequest.Builder request = HttpRequest.newBuilder(target)
        .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(exchange.getRequestBody().readAllBytes()))
        .header("Authorization", exchange.getRequestHeaders().getFirst("Authorization"));
    String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    HttpResponse<byte[]> answer;
    try {
      answer = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    answer.headers().firstValue("Content-Type").ifPresent(type -> exchange.getResponseHeaders().set("Content-Type", type));
    exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
    exchange.getResponseBody().write(answer.body());
  }

  /** The X-Forwarded-* and Forwarded headers of a request, by lower-case name. */
  private static Map<String, List<String>> forwardingHeaders(HttpExchange exchange) {
    Map<String, List<String>> found = new java.util.TreeMap<>();
    exchange.getRequestHeaders().forEach((name, values) -> {
      String lower = name.toLowerCase(java.util.Locale.ROOT);
      if (lower.startsWith("x-forwarded-") || lower.equals("forwarded")) {
        found.put(lower, values);
      }
    });
    return found;
  }

  private static void respond(HttpExchange exchange, int status, Object body) throws IOException {
    byte[] bytes = Json.bytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
