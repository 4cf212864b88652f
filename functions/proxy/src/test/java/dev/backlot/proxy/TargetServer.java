package dev.backlot.proxy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/** A real HTTP server on loopback standing in for a proxy target; it records what reaches it. */
public final class TargetServer implements AutoCloseable {
  /** What one request brought: method, path and query as sent, headers by lower-case name, body. */
  record Received(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body) {
    String header(String name) {
      List<String> values = headers.get(name.toLowerCase());
      return values == null ? null : String.join(",", values);
    }
  }

  /** Answers one request; the body is still unread, so a handler can stream it. */
  @FunctionalInterface
  public interface Answer {
    void answer(HttpExchange exchange) throws IOException;
  }

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private volatile Answer answer = this::echo;

  private TargetServer(HttpServer server) {
    this.server = server;
  }

  public static TargetServer start() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    TargetServer target = new TargetServer(server);
    server.createContext("/", exchange -> {
      try {
        target.answer.answer(exchange);
      } finally {
        exchange.close();
      }
    });
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.start();
    return target;
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  int port() {
    return server.getAddress().getPort();
  }

  public void answerWith(Answer answer) {
    this.answer = answer;
  }

  List<Received> received() {
    return received;
  }

  void reset() {
    received.clear();
    answer = this::echo;
  }

  /** Records the request, body read whole. */
  Received record(HttpExchange exchange) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    return record(exchange, body);
  }

  Received record(HttpExchange exchange, byte[] body) {
    Map<String, List<String>> headers = new TreeMap<>();
    exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), List.copyOf(values)));
    Received one = new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
        exchange.getRequestURI().getRawQuery(), headers, body);
    received.add(one);
    return one;
  }

  /** Records the request and answers 200 with {@code method path?query}. */
  private void echo(HttpExchange exchange) throws IOException {
    Received one = record(exchange);
    byte[] text = (one.method() + " " + one.rawPath() + (one.rawQuery() == null ? "" : "?" + one.rawQuery())).getBytes();
    exchange.getResponseHeaders().add("Content-Type", "text/plain");
    exchange.sendResponseHeaders(200, text.length);
    exchange.getResponseBody().write(text);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
