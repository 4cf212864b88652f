package dev.backlot.search.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.platform.db.Database;
import dev.backlot.platform.http.Json;
import dev.backlot.search.RunningSearch;
import dev.backlot.search.TestSearchPlugin;
import dev.backlot.search.engine.Highlights;
import dev.backlot.search.engine.SearchDocument;
import dev.backlot.search.engine.SearchEngine;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import dev.backlot.testing.NodeProject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GET /query answers as Backstage's search-backend does, to the query strings its SearchClient writes. */
class QueryRoutesTest {
  static final String USER = RunningSearch.user("user:default/alice");
  static RunningSearch search;

  @BeforeAll
  static void start(@TempDir java.nio.file.Path dir) throws Exception {
    Database database = TestSearchPlugin.empty(Database.connect("jdbc:sqlite:" + dir.resolve("search.sqlite")));
    List<SearchDocument> documents = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      ObjectNode document = Json.object().put("title", "payments-" + i).put("text", "Takes card payments, part " + i)
          .put("location", "/catalog/default/component/payments-" + i).put("kind", "Component");
      documents.add(new SearchDocument("software-catalog", "component:default/payments-" + i, document,
          Map.of("kind", List.of("Component"), "tags", List.of(i % 2 == 0 ? "java" : "kotlin")), null));
    }
    documents.add(new SearchDocument("api-definition", "api:default/payments#get", Json.object().put("title", "GET /payments")
        .put("text", "Lists payments").put("location", "/catalog/default/api/payments/definition#get"), Map.of("kind", List.of("API")), null));
    documents.add(new SearchDocument("software-catalog", "component:default/evil", Json.object().put("title", "evil payments")
        .put("text", "x").put("location", "javascript:alert(1)"), Map.of(), null));
    SearchEngine.on(database, Highlights.DEFAULT).upsert(documents, 1);
    search = new RunningSearch(database, "http://127.0.0.1:9", Map.of());
  }

  @AfterAll
  static void stop() {
    search.close();
  }

  private static JsonNode ok(String query) throws Exception {
    java.net.http.HttpResponse<String> response = search.get("/query?" + query, USER);
    assertEquals(200, response.statusCode(), response.body());
    return Json.MAPPER.readTree(response.body());
  }

  /** As @backstage/plugin-search-react's SearchClient builds it: qs.stringify with its default indices format. */
  static String qs(String term, List<String> types, Map<String, List<String>> filters, Integer pageLimit, String pageCursor) {
    List<String> parts = new ArrayList<>();
    parts.add("term=" + encode(term));
    for (int i = 0; i < types.size(); i++) {
      parts.add(encode("types[" + i + "]") + "=" + encode(types.get(i)));
    }
    filters.forEach((field, values) -> {
      if (values.size() == 1) {
        parts.add(encode("filters[" + field + "]") + "=" + encode(values.getFirst()));
      } else {
        for (int i = 0; i < values.size(); i++) {
          parts.add(encode("filters[" + field + "][" + i + "]") + "=" + encode(values.get(i)));
        }
      }
    });
    if (pageCursor != null) {
      parts.add("pageCursor=" + encode(pageCursor));
    }
    if (pageLimit != null) {
      parts.add("pageLimit=" + pageLimit);
    }
    return String.join("&", parts);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @Test
  void resultsHaveBackstagesShapeWithHighlightsRanksAndACount() throws Exception {
    JsonNode body = ok(qs("payments", List.of("api-definition"), Map.of(), null, null));
    assertEquals(1, body.get("numberOfResults").asInt());
    JsonNode result = body.get("results").get(0);
    assertEquals("api-definition", result.get("type").asText());
    assertEquals("GET /payments", result.at("/document/title").asText());
    assertEquals("/catalog/default/api/payments/definition#get", result.at("/document/location").asText());
    assertEquals("<em>", result.at("/highlight/preTag").asText());
    assertEquals("</em>", result.at("/highlight/postTag").asText());
    assertEquals("GET /<em>payments</em>", result.at("/highlight/fields/title").asText());
    assertEquals(1, result.get("rank").asInt());
    assertFalse(body.has("nextPageCursor"));
    assertFalse(body.has("previousPageCursor"));
  }

  @Test
  void cursorsPageThroughEveryResultOnce() throws Exception {
    List<String> titles = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonNode body = ok(qs("payments", List.of("software-catalog"), Map.of("kind", List.of("Component")), 3, cursor));
      for (JsonNode result : body.get("results")) {
        titles.add(result.at("/document/title").asText());
        assertEquals(titles.size(), result.get("rank").asInt());
      }
      assertEquals(pages > 0, body.has("previousPageCursor"));
      cursor = body.path("nextPageCursor").asText(null);
      pages++;
    } while (cursor != null);
    assertEquals(3, pages);
    assertEquals(7, titles.size());
    assertEquals(7, titles.stream().distinct().count());
  }

  @Test
  void filtersWithSeveralValuesAndTypesWrittenEitherWayAreRead() throws Exception {
    assertEquals(4, ok(qs("", List.of("software-catalog"), Map.of("tags", List.of("java")), null, null)).get("numberOfResults").asInt());
    assertEquals(7, ok(qs("", List.of(), Map.of("tags", List.of("java", "kotlin")), null, null)).get("numberOfResults").asInt());
    assertEquals(1, ok("term=payments&types[]=api-definition").get("numberOfResults").asInt());
    assertEquals(1, ok("term=payments&types=api-definition").get("numberOfResults").asInt());
    assertEquals(1, ok("term=payments&filters%5Bkind%5D%5B%5D=api").get("numberOfResults").asInt());
  }

  @Test
  void aResultWhoseLocationIsNotAWebAddressIsDropped() throws Exception {
    JsonNode body = ok(qs("evil", List.of(), Map.of(), null, null));
    assertEquals(0, body.get("results").size());
  }

  @Test
  void queryStringsOutsideTheLimitsAreRefusedWithAnInputError() throws Exception {
    Map<String, String> refusals = new java.util.LinkedHashMap<>();
    refusals.put("term=" + "a".repeat(101), "Invalid query string: The term length \"101\" is greater than \"100\"");
    refusals.put("term=x&pageLimit=101", "Invalid query string: The page limit \"101\" is greater than \"100\"");
    refusals.put("term=x&pageLimit=0", "Invalid query string: The page limit \"0\" is less than 1");
    refusals.put("term=x&pageLimit=ten", "Invalid query string: The page limit \"ten\" is not a whole number");
    refusals.put("term=x&pageCursor=%2A%2A", "Invalid query string: The page cursor \"**\" is not one this search gave");
    refusals.put("term=x&pageCursor=" + encode(QueryParameters.cursor(-1)), "Invalid query string: The page cursor \"LTE=\" is not one this search gave");
    refusals.put("term=x&pageLimit=100&pageCursor=" + encode(QueryParameters.cursor(101)), "Invalid query string: The page cursor goes past result 10000; narrow the search instead");
    refusals.put("term=x&types%5B0%5D=techdocs%27--", "Invalid query string: Unknown document type \"techdocs'--\"; the types are [api-definition, software-catalog, techdocs]");
    refusals.put("term=x&filters%5B%27%20OR%201%3D1%5D=x", "Invalid query string: A filter names a document field: letters, digits, '.', '_' or '-', at most 64, not \"' OR 1=1\"");
    refusals.put("term=x&filters=kind", "Invalid query string: Filters are written filters[field]=value, not \"filters\"");
    refusals.put("term=" + encode("a b c d e f g h i j k l m n o p q"), "Invalid query string: The term has more than 16 words and phrases");
    refusals.put("term=x&term=y", "Invalid query string: \"term\" is given more than once");
    refusals.put("term=x&filters%5Bk%5D=" + "v".repeat(201), "Invalid query string: A filter value has at most 200 characters");
    StringBuilder many = new StringBuilder("term=x");
    for (int i = 0; i < 11; i++) {
      many.append("&filters%5Bf").append(i).append("%5D=v");
    }
    refusals.put(many.toString(), "Invalid query string: More than 10 filters");
    StringBuilder values = new StringBuilder("term=x");
    for (int i = 0; i < 21; i++) {
      values.append("&filters%5Btags%5D%5B").append(i).append("%5D=v").append(i);
    }
    refusals.put(values.toString(), "Invalid query string: The filter \"tags\" has more than 20 values");
    for (Map.Entry<String, String> refusal : refusals.entrySet()) {
      java.net.http.HttpResponse<String> response = search.get("/query?" + refusal.getKey(), USER);
      assertEquals(400, response.statusCode(), refusal.getKey());
      JsonNode error = Json.MAPPER.readTree(response.body());
      assertEquals("InputError", error.at("/error/name").asText());
      assertEquals(refusal.getValue(), error.at("/error/message").asText());
    }
  }

  @Test
  void backstagesSearchClientQueryStringsWork() throws Exception {
    java.util.Optional<NodeProject> project = NodeProject.in(java.nio.file.Path.of("src/test/node/backstage"));
    Assumptions.assumeTrue(project.isPresent(), NodeProject.unavailable() + ": qs was not run");
    NodeProject.Result result = project.get().install().node("search-client-compat.mjs", List.of(), Map.of(
        "SEARCH_URL", search.baseUrl(), "TOKEN", USER.substring("Bearer ".length())));
    assertEquals(0, result.exitCode(), result.output());
    assertTrue(result.output().contains("4 of 4 search-client checks passed"), result.output());
  }

  @Test
  void onlySignedInCallersMaySearch() throws Exception {
    assertEquals(401, search.get("/query?term=payments", null).statusCode());
    assertTrue(search.get("/query?term=payments", RunningSearch.service("catalog")).statusCode() == 200);
  }
}
