package dev.backlot.scaffolder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.backlot.platform.http.Json;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback HTTP server answering the catalog's {@code GET /api/catalog/entities/by-name/…} and
 * {@code POST /api/catalog/entities/by-refs} for the entities a test puts in it, and recording {@code POST /api/catalog/locations} as the
 * catalog answers them.
 */
public final class CatalogStandIn implements AutoCloseable {
  private final HttpServer server;
  private final Map<String, JsonNode> entities = new ConcurrentHashMap<>();
  public final List<JsonNode> registered = new CopyOnWriteArrayList<>();
  public final List<String> authorizations = new CopyOnWriteArrayList<>();
  /** {@code X-Forwarded-Authorization} of each request by path: whose credentials a read went with. */
  public final Map<String, String> forwardedByPath = new ConcurrentHashMap<>();

  public CatalogStandIn() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::serve);
    server.start();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Adds {@code entity}, found by its kind, namespace (default when absent) and name. */
  public CatalogStandIn add(JsonNode entity) {
    String kind = entity.path("kind").asText().toLowerCase(Locale.ROOT);
    String namespace = entity.path("metadata").path("namespace").asText("default");
    entities.put(kind + "/" + namespace + "/" + entity.path("metadata").path("name").asText(), entity);
    return this;
  }

  private void serve(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
    forwardedByPath.put(path, String.valueOf(exchange.getRequestHeaders().getFirst("X-Forwarded-Authorization")));
    byte[] request = exchange.getRequestBody().readAllBytes();
    String prefix = "/api/catalog/entities/by-name/";
    if (path.startsWith(prefix) && exchange.getRequestMethod().equals("GET")) {
      JsonNode entity = entities.get(path.substring(prefix.length()).toLowerCase(Locale.ROOT));
      if (entity == null) {
        send(exchange, 404, "{\"error\":{\"name\":\"NotFoundError\",\"message\":\"No entity named " + path + "\"}}");
      } else {
        send(exchange, 200, entity.toString());
      }
    } else if (path.equals("/api/catalog/entities/by-refs") && exchange.getRequestMethod().equals("POST")) {
      ObjectNode answer = Json.object();
      var items = answer.putArray("items");
      for (JsonNode ref : Json.MAPPER.readTree(request).path("entityRefs")) {
        String key = ref.asText().toLowerCase(Locale.ROOT).replaceFirst(":", "/");
        JsonNode entity = entities.get(key);
        if (entity == null) {
          items.addNull();
        } else {
          items.add(entity);
        }
      }
      send(exchange, 200, answer.toString());
    } else if (path.equals("/api/catalog/locations") && exchange.getRequestMethod().equals("POST")) {
      JsonNode body = Json.MAPPER.readTree(request);
      registered.add(body);
      ObjectNode answer = Json.object();
      answer.putObject("location").put("id", "loc-" + registered.size()).put("type", body.path("type").asText()).put("target", body.path("target").asText());
      answer.putArray("entities").addObject().put("apiVersion", "backstage.io/v1alpha1").put("kind", "Component")
          .putObject("metadata").put("name", "registered").put("namespace", "default");
      send(exchange, 201, answer.toString());
    } else {
      send(exchange, 404, "{\"error\":{\"name\":\"NotFoundError\",\"message\":\"not here\"}}");
    }
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
