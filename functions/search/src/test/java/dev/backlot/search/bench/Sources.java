package dev.backlot.search.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.backlot.platform.http.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * Loopback stand-ins for the catalog's and api-docs' read APIs at benchmark scale, answering as
 * those functions do ({@code POST /entities/by-query} with cursors, {@code POST /entities/by-refs},
 * {@code GET /apis}, versions and definitions as JSON) from entities generated on the fly, so that
 * the benchmark measures search, not the time to fill a catalog with 100k entities.
 */
final class Sources implements AutoCloseable {
  static final String[] WORDS = ("payment order invoice ledger customer account billing shipping inventory catalog search "
      + "identity login session token gateway proxy cache queue stream event kafka pubsub storage bucket blob image video audio "
      + "report analytics metric dashboard alert incident oncall deploy release pipeline build test lint format schema "
      + "graph network router balancer dns certificate secret vault policy permission role group user team owner tenant "
      + "region zone cluster node pod container function lambda worker scheduler cron batch export import sync backup restore "
      + "archive audit compliance privacy consent email sms push notification template document pdf translation locale currency "
      + "tax price discount coupon cart checkout refund dispute fraud risk score recommendation ranking feed profile avatar").split(" ");
  static final int OPERATIONS_PER_API = 20;

  private final HttpServer server;
  final int entities;
  final int apis;
  /** Descriptions changed since generation, by entity name: what the incremental measurement writes. */
  final Map<String, String> changed = new ConcurrentHashMap<>();

  Sources(int entities, int operations) throws IOException {
    this.entities = entities;
    this.apis = Math.max(1, operations / OPERATIONS_PER_API);
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/api/catalog/entities/by-query", this::byQuery);
    server.createContext("/api/catalog/entities/by-refs", this::byRefs);
    server.createContext("/api/api-docs/apis", this::apiDocs);
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  static String word(long seed) {
    return WORDS[(int) Math.floorMod(seed * 2654435761L, WORDS.length)];
  }

  ObjectNode entity(int i) {
    String name = "svc-" + i;
    ObjectNode entity = Json.object().put("apiVersion", "backstage.io/v1alpha1").put("kind", i % 10 == 0 ? "API" : "Component");
    ObjectNode metadata = entity.putObject("metadata").put("name", name).put("namespace", "default");
    metadata.put("description", changed.getOrDefault(name, "The " + word(i) + " " + word(i * 7L + 1) + " service handles "
        + word(i * 13L + 2) + " and " + word(i * 31L + 3) + " for the " + word(i * 17L + 5) + " team"));
    metadata.putArray("tags").add(word(i * 3L)).add(word(i * 5L + 4));
    entity.putObject("spec").put("type", i % 3 == 0 ? "website" : "service").put("lifecycle", i % 4 == 0 ? "experimental" : "production")
        .put("owner", "group:default/team-" + (i % 50));
    return entity;
  }

  private void byQuery(HttpExchange exchange) throws IOException {
    JsonNode body = Json.MAPPER.readTree(exchange.getRequestBody());
    int from = body.hasNonNull("cursor") ? Integer.parseInt(body.get("cursor").asText()) : 0;
    int limit = body.path("limit").asInt(200);
    ObjectNode answer = Json.object();
    ArrayNode items = answer.putArray("items");
    // A filtered query is the techdocs collator's (entities with a techdocs-ref): none has one here.
    int end = body.hasNonNull("query") ? from : Math.min(entities, from + limit);
    for (int i = from; i < end; i++) {
      items.add(entity(i));
    }
    answer.put("totalItems", entities);
    ObjectNode page = answer.putObject("pageInfo");
    if (end == from + limit && from + limit < entities) {
      page.put("nextCursor", Integer.toString(from + limit));
    }
    send(exchange, answer);
  }

  private void byRefs(HttpExchange exchange) throws IOException {
    JsonNode body = Json.MAPPER.readTree(exchange.getRequestBody());
    ObjectNode answer = Json.object();
    ArrayNode items = answer.putArray("items");
    for (JsonNode ref : body.path("entityRefs")) {
      String name = ref.asText().substring(ref.asText().indexOf('/') + 1);
      int i = name.startsWith("svc-") ? Integer.parseInt(name.substring(4)) : -1;
      if (i >= 0 && i < entities) {
        items.add(entity(i));
      } else {
        items.addNull();
      }
    }
    send(exchange, answer);
  }

  private void apiDocs(HttpExchange exchange) throws IOException {
    URI uri = exchange.getRequestURI();
    String path = uri.getPath().substring("/api/api-docs/apis".length());
    if (path.isEmpty()) {
      Map<String, String> query = new java.util.HashMap<>();
      for (String pair : uri.getQuery().split("&")) {
        query.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
      }
      int offset = Integer.parseInt(query.get("offset"));
      int limit = Integer.parseInt(query.get("limit"));
      ObjectNode answer = Json.object();
      ArrayNode items = answer.putArray("items");
      for (int a = offset; a < Math.min(apis, offset + limit); a++) {
        items.addObject().put("entityRef", "api:default/api-" + a).put("versionCount", 1)
            .set("latest", Json.object().put("entityRef", "api:default/api-" + a).put("version", "v1").put("format", "openapi").put("title", "API " + a));
      }
      send(exchange, answer);
      return;
    }
    int a = Integer.parseInt(path.split("/")[2].substring(4));
    ObjectNode definition = Json.object().put("openapi", "3.0.3");
    definition.putObject("info").put("title", "API " + a).put("version", "1");
    ObjectNode paths = definition.putObject("paths");
    for (int o = 0; o < OPERATIONS_PER_API; o++) {
      long seed = (long) a * OPERATIONS_PER_API + o;
      ObjectNode operation = paths.putObject("/" + word(seed) + "s/{id}/" + word(seed * 3 + 1) + o).putObject(o % 2 == 0 ? "get" : "post");
      operation.put("operationId", "op" + o).put("summary", "Returns the " + word(seed * 7 + 2) + " of a " + word(seed * 11 + 3));
      operation.putArray("tags").add(word(seed * 5));
    }
    send(exchange, definition);
  }

  private static void send(HttpExchange exchange, JsonNode body) throws IOException {
    byte[] bytes = Json.bytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
