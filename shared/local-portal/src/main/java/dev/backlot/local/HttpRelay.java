package dev.backlot.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.backlot.platform.http.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Passes a request received by a {@code com.sun.net.httpserver} server on to another server, as a
 * proxy in front of a service does: the method, the headers that are not hop-by-hop, the body and
 * the answer stream through unchanged, and the proxy adds {@code X-Forwarded-For}, {@code
 * -Proto} and {@code -Host}. The local gateway and the rehearsal's Cloud Run and API Gateway
 * stand-ins all forward through this one class.
 */
public final class HttpRelay {
  // Hop-by-hop headers, and those java.net.http sets itself.
  private static final Set<String> NOT_FORWARDED = Set.of("connection", "keep-alive", "proxy-authenticate",
      "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host", "content-length", "expect");

  private final HttpClient client;
  private final String scheme;

  /**
   * @param client sends the forwarded requests (it must not follow redirects: they go back to the caller)
   * @param scheme what the caller used, for {@code X-Forwarded-Proto}
   */
  public HttpRelay(HttpClient client, String scheme) {
    this.client = client;
    this.scheme = scheme;
  }

  /**
   * Sends the exchange's request to {@code target} (which carries the path and query to call),
   * with {@code headers} changing the outgoing request last, and streams the answer back; a target
   * that cannot be reached is a 502 in Backstage's error shape.
   */
  public void forward(HttpExchange exchange, URI target, Consumer<HttpRequest.Builder> headers) throws IOException {
    forward(exchange, target, Set.of(), headers);
  }

  /** As {@link #forward(HttpExchange, URI, Consumer)}, keeping back the {@code withheld} headers (lower case) as well. */
  public void forward(HttpExchange exchange, URI target, Set<String> withheld, Consumer<HttpRequest.Builder> headers) throws IOException {
    HttpRequest.Builder request = HttpRequest.newBuilder(target).method(exchange.getRequestMethod(), bodyOf(exchange));
    exchange.getRequestHeaders().forEach((name, values) -> {
      String lower = name.toLowerCase(Locale.ROOT);
      if (!NOT_FORWARDED.contains(lower) && !withheld.contains(lower)) {
        values.forEach(value -> request.header(name, value));
      }
    });
    String caller = exchange.getRemoteAddress().getAddress().getHostAddress();
    String previous = exchange.getRequestHeaders().getFirst("X-Forwarded-For");
    request.setHeader("X-Forwarded-For", previous == null ? caller : previous + ", " + caller);
    request.setHeader("X-Forwarded-Proto", scheme);
    String host = exchange.getRequestHeaders().getFirst("Host");
    if (host != null) {
      request.setHeader("X-Forwarded-Host", host);
    }
    headers.accept(request);
    HttpResponse<InputStream> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (java.net.http.HttpTimeoutException e) {
      error(exchange, 504, "GatewayTimeoutError", target.getScheme() + "://" + target.getAuthority() + " did not answer in time");
      return;
    } catch (IOException e) {
      error(exchange, 502, "BadGatewayError", target.getScheme() + "://" + target.getAuthority() + " is unreachable: "
          + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      error(exchange, 502, "BadGatewayError", "Interrupted while calling " + target.getAuthority());
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

  /** Answers with {@code status} and Backstage's error body. */
  public static void error(HttpExchange exchange, int status, String name, String message) throws IOException {
    URI uri = exchange.getRequestURI();
    ObjectNode body = Json.object();
    body.putObject("error").put("name", name).put("message", message);
    body.putObject("request").put("method", exchange.getRequestMethod())
        .put("url", uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
    body.putObject("response").put("statusCode", status);
    respond(exchange, status, Json.bytes(body));
  }

  /** Answers with {@code status} and a JSON body. */
  public static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.getResponseHeaders().put("Content-Type", List.of("application/json; charset=utf-8"));
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
