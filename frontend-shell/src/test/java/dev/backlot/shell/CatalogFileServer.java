package dev.backlot.shell;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A catalog-info.yaml on loopback, for the journey's "register an existing component": the real
 * catalog reads it over HTTP as it would read one on GitHub (its host is on the reading allow list).
 */
final class CatalogFileServer implements AutoCloseable {
  static final String COMPONENT = "journey-registered-service";
  private static final byte[] FILE = """
      apiVersion: backstage.io/v1alpha1
      kind: Component
      metadata:
        name: %s
        description: Registered by the browser journey.
      spec:
        type: service
        lifecycle: experimental
        owner: group:default/platform-team
      """.formatted(COMPONENT).getBytes(StandardCharsets.UTF_8);

  private final HttpServer server;

  CatalogFileServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/acme/journey/catalog-info.yaml", exchange -> {
      try (exchange) {
        exchange.getResponseHeaders().set("Content-Type", "application/yaml");
        exchange.sendResponseHeaders(200, FILE.length);
        exchange.getResponseBody().write(FILE);
      }
    });
    server.start();
  }

  /** host:port, as backend.reading.allow names it. */
  String host() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  String url() {
    return "http://" + host() + "/acme/journey/catalog-info.yaml";
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
