package dev.backlot.apidocs.validation;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback server that answers every request with a schema worth loading and counts the
 * requests: a definition naming it ($ref, $schema, $id) must never make it count.
 */
final class BaitServer implements AutoCloseable {
  private final HttpServer server;
  private final AtomicInteger hits = new AtomicInteger();

  private BaitServer(String schema, String contentType) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    byte[] body = schema.getBytes(StandardCharsets.UTF_8);
    server.createContext("/", exchange -> {
      hits.incrementAndGet();
      exchange.getResponseHeaders().add("Content-Type", contentType);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
  }

  static BaitServer serving(String schema, String contentType) throws IOException {
    return new BaitServer(schema, contentType);
  }

  /** The bait's address with {@code path}. */
  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  int hits() {
    return hits.get();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
