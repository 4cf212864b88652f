package dev.backlot.search.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlot.platform.db.Database;
import dev.backlot.platform.http.Json;
import dev.backlot.search.OtherPlugins;
import dev.backlot.search.RunningSearch;
import dev.backlot.search.TestSearchPlugin;
import dev.backlot.search.engine.Highlights;
import dev.backlot.search.engine.SearchDocument;
import dev.backlot.search.engine.SearchEngine;
import dev.backlot.testing.PermissionServer;
import dev.backlot.testing.TestTokens;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With permission.enabled, results a person may not read are never returned or counted. */
class PermittedResultsTest {
  static final String READ = "catalog.entity.read";
  static final String CONDITIONAL = """
      {"result":"CONDITIONAL","pluginId":"catalog","resourceType":"catalog-entity",
       "conditions":{"rule":"IS_ENTITY_OWNER","resourceType":"catalog-entity","params":{"claims":["group:default/odd"]}}}""";
  static PermissionServer permissions;
  static RunningSearch search;

  @BeforeAll
  static void start(@TempDir java.nio.file.Path dir) throws Exception {
    Database database = TestSearchPlugin.empty(Database.connect("jdbc:sqlite:" + dir.resolve("search.sqlite")));
    List<SearchDocument> documents = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      String ref = "component:default/c" + i;
      documents.add(new SearchDocument("software-catalog", ref, Json.object().put("title", "widget " + i).put("text", "widget")
          .put("location", "/catalog/default/component/c" + i), Map.of(), ref));
    }
    documents.add(new SearchDocument("software-catalog", "orphan", Json.object().put("title", "widget orphan").put("text", "widget")
        .put("location", "/x"), Map.of(), null));
    SearchEngine.on(database, Highlights.DEFAULT).upsert(documents, 1);
    permissions = PermissionServer.start();
    permissions.decide("user:default/alice", READ, CONDITIONAL);
    for (int i = 1; i < 150; i += 2) {
      permissions.decideOn("user:default/alice", READ, "component:default/c" + i, "{\"result\":\"ALLOW\"}");
    }
    permissions.decide("user:default/bob", READ, "{\"result\":\"ALLOW\"}");
    search = new RunningSearch(database, OtherPlugins.freePort(), TestTokens.withAuth(Map.of(
        "permission", Map.of("enabled", true),
        "discovery", Map.of("endpoints", List.of(Map.of("target", permissions.baseUrl(), "plugins", List.of("permission")))),
        "backend", Map.of("baseUrl", "http://127.0.0.1:9"))));
  }

  @AfterAll
  static void stop() {
    search.close();
    permissions.close();
  }

  private static JsonNode query(String queryString, String authorization) throws Exception {
    java.net.http.HttpResponse<String> response = search.get("/query?" + queryString, authorization);
    assertEquals(200, response.statusCode(), response.body());
    return Json.MAPPER.readTree(response.body());
  }

  private static int number(JsonNode result) {
    return Integer.parseInt(result.at("/document/location").asText().replaceAll(".*/c", ""));
  }

  @Test
  void aConditionalReaderPagesThroughTheResultsTheyMayReadOnly() throws Exception {
    String alice = RunningSearch.user("user:default/alice");
    Set<Integer> seen = new HashSet<>();
    String cursor = null;
    int rank = 0;
    int pages = 0;
    do {
      JsonNode body = query("term=widget&pageLimit=40" + (cursor == null ? "" : "&pageCursor=" + cursor), alice);
      for (JsonNode result : body.get("results")) {
        assertEquals(1, number(result) % 2, result.toString());
        assertTrue(seen.add(number(result)));
        assertEquals(++rank, result.get("rank").asInt());
      }
      // 151 candidates need two chunks of 100: the first page is full before all are decided.
      assertEquals(pages == 0, !body.has("numberOfResults"), body.toString());
      if (body.has("numberOfResults")) {
        assertEquals(75, body.get("numberOfResults").asInt());
      }
      cursor = body.path("nextPageCursor").asText(null);
      pages++;
    } while (cursor != null);
    assertEquals(75, seen.size());
    assertEquals(2, pages);
  }

  @Test
  void aReaderOfEverythingGetsTheEnginesCountAndAPersonDeniedGetsNothing() throws Exception {
    assertEquals(151, query("term=widget", RunningSearch.user("user:default/bob")).get("numberOfResults").asInt());
    JsonNode carol = query("term=widget", RunningSearch.user("user:default/carol"));
    assertEquals(0, carol.get("results").size());
    assertEquals(0, carol.get("numberOfResults").asInt());
    assertFalse(carol.has("nextPageCursor"));
  }

  @Test
  void servicesReadEverythingWithoutAskingThePermissionFunction() throws Exception {
    int before = permissions.received().size();
    assertEquals(151, query("term=widget", RunningSearch.service("catalog")).get("numberOfResults").asInt());
    assertEquals(before, permissions.received().size());
  }
}
