package dev.backlot.catalog.permissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.cloud.functions.invoker.runner.Invoker;
import dev.backlot.catalog.PreparedCatalog;
import dev.backlot.catalog.storage.EntityStore;
import dev.backlot.platform.Plugin;
import dev.backlot.platform.auth.ServiceTokens;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.db.Database;
import dev.backlot.platform.http.Json;
import dev.backlot.platform.manifest.PluginManifest;
import dev.backlot.platform.permission.PermissionMetadata;
import dev.backlot.testing.DatabaseTest;
import dev.backlot.testing.PermissionServer;
import dev.backlot.testing.TestDatabase;
import dev.backlot.testing.TestTokens;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The catalog with {@code permission.enabled}, served by the real invoker on each database, a
 * loopback permission server deciding from a table. jdoe (owning through team-a) may read what
 * he owns and every group; ann is denied everything, which the table's default gives her.
 */
class CatalogPermissionsTest {
  static final PluginManifest MANIFEST = new PluginManifest("catalog", "x.C", "/api/catalog", true, false,
      List.of(), List.of(), "/healthcheck", List.of(), PluginManifest.Resources.DEFAULT);
  static final String JDOE = "user:default/jdoe";
  static final String ANN = "user:default/ann";
  static final String OWN_OR_GROUPS = """
      {"result":"CONDITIONAL","pluginId":"catalog","resourceType":"catalog-entity","conditions":{"anyOf":[
        {"rule":"IS_ENTITY_OWNER","resourceType":"catalog-entity","params":{"claims":["$ownerRefs"]}},
        {"rule":"IS_ENTITY_KIND","resourceType":"catalog-entity","params":{"kinds":["Group"]}}]}}""";
  static final String OWN_ONLY = """
      {"result":"CONDITIONAL","pluginId":"catalog","resourceType":"catalog-entity",
       "conditions":{"rule":"IS_ENTITY_OWNER","resourceType":"catalog-entity","params":{"claims":["$currentUser"]}}}""";

  final HttpClient http = HttpClient.newHttpClient();
  int port;
  String jdoe;
  String ann;

  /** Runs {@code scenario} against a catalog on {@code db} holding five entities, with {@code permissions} deciding. */
  void withCatalog(TestDatabase db, PermissionServer permissions, Scenario scenario) throws Exception {
    try (Database database = Database.connect(db.jdbcUrl())) {
      Plugin.withDatabase(MANIFEST, Config.empty(), database, getClass().getClassLoader());
      EntityStore store = new EntityStore(database);
      store.replace("test:permissions", List.of(
          entity("Component", "payments", "group:default/team-a").put("description", "x"),
          entity("Component", "checkout", "group:default/team-b"),
          entity("API", "payments-api", JDOE),
          entity("Group", "team-a", null),
          entity("System", "shop", "group:default/team-b")), true);
      Map<String, Object> config = new HashMap<>();
      config.put("permission", Map.of("enabled", true));
      config.put("discovery", Map.of("endpoints", List.of(Map.of("target", permissions.baseUrl(), "plugins", List.of("permission")))));
      PreparedCatalog.prepare(Config.of(TestTokens.withAuth(config)), database);
      try (ServerSocket socket = new ServerSocket(0)) {
        port = socket.getLocalPort();
      }
      Invoker invoker = new Invoker(port, PreparedCatalog.class.getName(), "http", PreparedCatalog.class.getClassLoader());
      invoker.startTestServer();
      jdoe = "Bearer " + TestTokens.userToken(JDOE, JDOE, "group:default/team-a");
      ann = "Bearer " + TestTokens.userToken(ANN);
      try {
        scenario.run(store);
      } finally {
        invoker.stopServer();
      }
    }
  }

  interface Scenario {
    void run(EntityStore store) throws Exception;
  }

  static ObjectNode entity(String kind, String name, String owner) {
    ObjectNode entity = Json.object().put("apiVersion", "backstage.io/v1alpha1").put("kind", kind);
    entity.putObject("metadata").put("name", name);
    ObjectNode spec = entity.putObject("spec").put("type", "service");
    if (owner != null) {
      spec.put("owner", owner);
    }
    return entity;
  }

  static String uid(EntityStore store, String ref) {
    return store.byRef(ref).orElseThrow().at("/metadata/uid").asText();
  }

  HttpResponse<String> send(String method, String path, String authorization, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/catalog" + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .header("Authorization", authorization).header("Content-Type", "application/json");
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  JsonNode json(String method, String path, String authorization, String body, int status) throws Exception {
    HttpResponse<String> response = send(method, path, authorization, body);
    assertEquals(status, response.statusCode(), method + " " + path + ": " + response.body());
    return Json.MAPPER.readTree(response.body());
  }

  static List<String> names(JsonNode entities) {
    List<String> names = new ArrayList<>();
    entities.forEach(entity -> names.add(entity.at("/metadata/name").asText()));
    return names.stream().sorted().toList();
  }

  @DatabaseTest
  void aConditionalReadShowsAndCountsOnlyWhatThePolicyLetsThroughOnEveryReadRoute(TestDatabase db) throws Exception {
    try (PermissionServer permissions = PermissionServer.start()) {
      permissions.decide(JDOE, "catalog.entity.read", OWN_OR_GROUPS);
      withCatalog(db, permissions, store -> {
        List<String> readable = List.of("payments", "payments-api", "team-a");
        assertEquals(readable, names(json("GET", "/entities", jdoe, null, 200)));
        // Offset pages: two, then the last one.
        HttpResponse<String> first = send("GET", "/entities?limit=2", jdoe, null);
        assertEquals(2, Json.MAPPER.readTree(first.body()).size());
        String next = first.headers().firstValue("link").orElseThrow().replaceAll("^<(.*)>.*$", "$1");
        assertEquals(1, json("GET", next, jdoe, null, 200).size());
        // Cursor pages, one entity each, counting what jdoe may read.
        List<String> paged = new ArrayList<>();
        JsonNode page = json("GET", "/entities/by-query?limit=1&orderField=metadata.name,asc", jdoe, null, 200);
        assertEquals(3, page.get("totalItems").asInt());
        while (true) {
          page.get("items").forEach(entity -> paged.add(entity.at("/metadata/name").asText()));
          if (!page.at("/pageInfo/nextCursor").isTextual()) {
            break;
          }
          page = json("GET", "/entities/by-query?limit=1&cursor=" + URLEncoder.encode(page.at("/pageInfo/nextCursor").asText(), StandardCharsets.UTF_8),
              jdoe, null, 200);
        }
        assertEquals(readable, paged);
        assertEquals(1, json("POST", "/entities/by-query", jdoe, "{\"query\":{\"kind\":\"component\"}}", 200).get("totalItems").asInt());
        Map<String, Integer> kinds = new TreeMap<>();
        json("GET", "/entity-facets?facet=kind", jdoe, null, 200).at("/facets/kind")
            .forEach(value -> kinds.put(value.get("value").asText(), value.get("count").asInt()));
        assertEquals(Map.of("API", 1, "Component", 1, "Group", 1), kinds);
        // One by one: what jdoe may not read does not exist for him.
        assertEquals(200, send("GET", "/entities/by-name/component/default/payments", jdoe, null).statusCode());
        JsonNode hidden = json("GET", "/entities/by-name/component/default/checkout", jdoe, null, 404);
        assertEquals("NotFoundError", hidden.at("/error/name").asText());
        assertEquals(404, send("GET", "/entities/by-uid/" + uid(store, "component:default/checkout"), jdoe, null).statusCode());
        assertEquals(200, send("GET", "/entities/by-uid/" + uid(store, "component:default/payments"), jdoe, null).statusCode());
        assertEquals(404, send("GET", "/entities/by-name/component/default/checkout/ancestry", jdoe, null).statusCode());
        JsonNode byRefs = json("POST", "/entities/by-refs", jdoe, "{\"entityRefs\":[\"component:default/checkout\",\"component:default/payments\"]}", 200);
        assertTrue(byRefs.at("/items/0").isNull());
        assertEquals("payments", byRefs.at("/items/1/metadata/name").asText());
        // Ann's read is denied: she sees an empty catalog, and no entity exists for her.
        assertEquals(0, json("GET", "/entities", ann, null, 200).size());
        assertEquals(0, json("GET", "/entities/by-query", ann, null, 200).get("totalItems").asInt());
        assertEquals(0, json("GET", "/entity-facets?facet=kind", ann, null, 200).at("/facets/kind").size());
        assertEquals(404, send("GET", "/entities/by-name/component/default/payments", ann, null).statusCode());
      });
    }
  }

  @DatabaseTest
  void aCursorHandedToSomeoneElsePagesThroughWhatTheyMayRead(TestDatabase db) throws Exception {
    // Attack: ann replays jdoe's cursor (or forges one with an empty query) to read past her policy.
    try (PermissionServer permissions = PermissionServer.start()) {
      permissions.decide(JDOE, "catalog.entity.read", "{\"result\":\"ALLOW\"}");
      permissions.decide(ANN, "catalog.entity.read", OWN_OR_GROUPS);
      withCatalog(db, permissions, store -> {
        String cursor = json("GET", "/entities/by-query?limit=1", jdoe, null, 200).at("/pageInfo/nextCursor").asText();
        JsonNode replayed = json("GET", "/entities/by-query?limit=10&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8), ann, null, 200);
        assertEquals(List.of("team-a"), names(replayed.get("items")), "ann owns nothing; groups are all she may read");
      });
    }
  }

  @DatabaseTest
  void changesFollowThePolicyEntityByEntityAndEachIsAudited(TestDatabase db) throws Exception {
    List<LogRecord> audit = new ArrayList<>();
    Map<String, String> uids = new HashMap<>();
    Handler recorder = new Handler() {
      @Override
      public synchronized void publish(LogRecord record) {
        audit.add(record);
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    Logger.getLogger("backlot.audit").addHandler(recorder);
    try (PermissionServer permissions = PermissionServer.start()) {
      permissions.decide(JDOE, "catalog.entity.read", "{\"result\":\"ALLOW\"}");
      permissions.decide(JDOE, "catalog.entity.delete", OWN_ONLY);
      permissions.decide(JDOE, "catalog.entity.refresh", OWN_ONLY);
      withCatalog(db, permissions, store -> {
        assertEquals(403, send("DELETE", "/entities/by-uid/" + uid(store, "component:default/checkout"), jdoe, null).statusCode(), "not his");
        assertTrue(store.byRef("component:default/checkout").isPresent());
        uids.put("checkout", uid(store, "component:default/checkout"));
        uids.put("payments-api", uid(store, "api:default/payments-api"));
        assertEquals(204, send("DELETE", "/entities/by-uid/" + uids.get("payments-api"), jdoe, null).statusCode(), "his own");
        assertTrue(store.byRef("api:default/payments-api").isEmpty());
        assertEquals(403, send("DELETE", "/entities/by-uid/" + uid(store, "component:default/payments"), ann, null).statusCode(), "denied outright");
        assertEquals(403, send("POST", "/refresh", jdoe, "{\"entityRef\":\"component:default/checkout\"}").statusCode());
        assertEquals(403, send("POST", "/refresh", jdoe, null).statusCode(), "every due location is not his to refresh");
        JsonNode refused = json("POST", "/locations", jdoe, "{\"type\":\"url\",\"target\":\"https://github.com/acme/x/blob/main/catalog-info.yaml\"}", 403);
        assertTrue(refused.at("/error/message").asText().contains("catalog.location.create"));
      });
    } finally {
      Logger.getLogger("backlot.audit").removeHandler(recorder);
    }
    List<String> events = audit.stream().map(record -> record.getParameters()[0].toString()).toList();
    assertTrue(events.stream().anyMatch(e -> e.contains("catalog.entity-mutate") && e.contains("uid:" + uids.get("checkout")) && e.contains("outcome=denied")), events.toString());
    assertTrue(events.stream().anyMatch(e -> e.contains("catalog.entity-mutate") && e.contains("uid:" + uids.get("payments-api")) && e.contains("outcome=succeeded")
        && e.contains(JDOE) && e.contains("actionType=delete")), events.toString());
    assertTrue(events.stream().anyMatch(e -> e.contains("permission-evaluation") && e.contains(ANN) && e.contains("catalog.entity.delete")), events.toString());
    assertTrue(events.stream().anyMatch(e -> e.contains("permission-evaluation") && e.contains("catalog.location.create")), events.toString());
    assertTrue(events.stream().noneMatch(e -> e.contains(jdoe.substring(7)) || e.contains(ann.substring(7))), "no token in the trail");
  }

  @DatabaseTest
  void theCatalogPublishesBackstagesPermissionsAndRulesToThePermissionPlugin(TestDatabase db) throws Exception {
    try (PermissionServer permissions = PermissionServer.start()) {
      withCatalog(db, permissions, store -> {
        String service = ServiceTokens.fromConfig(Config.of(TestTokens.withAuth(Map.of())), "permission").authorizationFor("catalog");
        JsonNode metadata = json("GET", PermissionMetadata.PATH, service, null, 200);
        Map<String, String> published = new TreeMap<>();
        metadata.get("permissions").forEach(p -> published.put(p.get("name").asText(),
            p.get("type").asText() + " " + p.at("/attributes/action").asText("-") + " " + p.path("resourceType").asText("-")));
        assertEquals(Map.of(
            "catalog.entity.create", "basic create -",
            "catalog.entity.delete", "resource delete catalog-entity",
            "catalog.entity.read", "resource read catalog-entity",
            "catalog.entity.refresh", "resource update catalog-entity",
            "catalog.entity.validate", "basic - -",
            "catalog.location.analyze", "basic - -",
            "catalog.location.create", "basic create -",
            "catalog.location.delete", "basic delete -",
            "catalog.location.read", "basic read -"), published);
        List<String> rules = new ArrayList<>();
        metadata.get("rules").forEach(rule -> {
          rules.add(rule.get("name").asText());
          assertEquals("catalog-entity", rule.get("resourceType").asText());
          assertEquals("object", rule.at("/paramsSchema/type").asText());
        });
        assertEquals(List.of("HAS_ANNOTATION", "HAS_LABEL", "HAS_METADATA", "HAS_SPEC", "IS_ENTITY_KIND", "IS_ENTITY_OWNER"), rules);
        assertEquals(403, send("GET", PermissionMetadata.PATH, jdoe, null).statusCode(), "people ask the permission plugin");
      });
    }
  }
}
