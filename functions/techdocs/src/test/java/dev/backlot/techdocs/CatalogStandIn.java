package dev.backlot.techdocs;

import com.sun.net.httpserver.HttpServer;
import dev.backlot.platform.http.Json;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The catalog's API on loopback, as far as techdocs calls it: {@code GET
 * /entities/by-name/:kind/:namespace/:name} and {@code POST /entities/by-query}, with Backstage's
 * response shapes. Entities are put in by the test; the last Authorization header is kept.
 */
public final class CatalogStandIn implements AutoCloseable {
  private final HttpServer server;
  private final Map<String, Map<String, Object>> entities = new ConcurrentHashMap<>();
  final AtomicReference<String> lastAuthorization = new AtomicReference<>();
  volatile boolean up = true;

  public CatalogStandIn() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/api/catalog/entities/by-name/", exchange -> {
      lastAuthorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
      String[] parts = exchange.getRequestURI().getRawPath().substring("/api/catalog/entities/by-name/".length()).split("/");
      String ref = (decode(parts[0]) + ":" + decode(parts[1]) + "/" + decode(parts[2])).toLowerCase();
      Map<String, Object> entity = entities.get(ref);
      byte[] body = entity == null
          ? Json.bytes(Map.of("error", Map.of("name", "NotFoundError", "message", "No entity " + ref)))
          : Json.bytes(entity);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(!up ? 500 : entity == null ? 404 : 200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.createContext("/api/catalog/entities/by-query", exchange -> {
      lastAuthorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
      exchange.getRequestBody().readAllBytes();
      byte[] body = Json.bytes(Map.of("items", List.copyOf(entities.values()), "totalItems", entities.size(), "pageInfo", Map.of()));
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(up ? 200 : 500, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
  }

  private static String decode(String part) {
    return URLDecoder.decode(part, StandardCharsets.UTF_8);
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public void put(Map<String, Object> entity) {
    @SuppressWarnings("unchecked")
    Map<String, Object> metadata = (Map<String, Object>) entity.get("metadata");
    String ref = (entity.get("kind") + ":" + metadata.getOrDefault("namespace", "default") + "/" + metadata.get("name")).toLowerCase();
    entities.put(ref, entity);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
