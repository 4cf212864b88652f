package dev.backlot.permission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.backlot.platform.http.Json;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP server speaking the catalog's {@code POST /api/catalog/entities/by-refs} over
 * Users and Groups with their relations, as the catalog answers it; and, for other plugins,
 * Backstage's permission metadata and apply-conditions routes when a test sets them.
 */
public final class CatalogStandIn implements AutoCloseable {
  private final HttpServer server;
  private final Map<String, ObjectNode> entities = new ConcurrentHashMap<>();
  private final Map<String, String> answers = new ConcurrentHashMap<>();
  private final AtomicInteger byRefsCalls = new AtomicInteger();
  public final List<String> authorizations = new CopyOnWriteArrayList<>();
  public final List<JsonNode> bodies = new CopyOnWriteArrayList<>();

  public CatalogStandIn() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::serve);
    server.start();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** A user with memberOf relations to {@code groups}. */
  public CatalogStandIn user(String ref, String... groups) {
    entities.put(ref, entity(ref, "memberOf", groups));
    return this;
  }

  /** A group with childOf relations to {@code parents}. */
  public CatalogStandIn group(String ref, String... parents) {
    entities.put(ref, entity(ref, "childOf", parents));
    return this;
  }

  /** Answers {@code path} (below the server's root) with {@code json}. */
  public CatalogStandIn answer(String path, String json) {
    answers.put(path, json);
    return this;
  }

  public int byRefsCalls() {
    return byRefsCalls.get();
  }

  private static ObjectNode entity(String ref, String type, String... targets) {
    ObjectNode entity = Json.object();
    entity.put("kind", ref.startsWith("user:") ? "User" : "Group");
    ArrayNode relations = entity.putArray("relations");
    for (String target : targets) {
      relations.addObject().put("type", type).put("targetRef", target);
    }
    // What the catalog also keeps: the reverse relation of a membership names the member, not a group.
    relations.addObject().put("type", "ownedBy").put("targetRef", "group:default/not-a-membership");
    return entity;
  }

  private void serve(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
    byte[] request = exchange.getRequestBody().readAllBytes();
    String answer;
    if (path.equals("/api/catalog/entities/by-refs")) {
      byRefsCalls.incrementAndGet();
      ObjectNode items = Json.object();
      ArrayNode list = items.putArray("items");
      for (JsonNode ref : Json.MAPPER.readTree(request).path("entityRefs")) {
        ObjectNode entity = entities.get(ref.asText());
        if (entity == null) {
          list.addNull();
        } else {
          list.add(entity);
        }
      }
      answer = items.toString();
    } else if (answers.containsKey(path)) {
      if (request.length > 0) {
        bodies.add(Json.MAPPER.readTree(request));
      }
      answer = answers.get(path);
    } else {
      exchange.sendResponseHeaders(404, -1);
      exchange.close();
      return;
    }
    byte[] body = answer.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
