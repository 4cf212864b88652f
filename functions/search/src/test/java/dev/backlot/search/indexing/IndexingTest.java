package dev.backlot.search.indexing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlot.platform.db.Database;
import dev.backlot.platform.http.Json;
import dev.backlot.search.OtherPlugins;
import dev.backlot.search.RunningSearch;
import dev.backlot.search.TestSearchPlugin;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Indexing from the real catalog and api-docs: the scheduled full pass in batches, and change events. */
class IndexingTest {
  static final String USER = RunningSearch.user("user:default/alice");
  static final String SCHEDULER = RunningSearch.service("scheduler");
  static final String ORDERS_API = """
      openapi: 3.0.3
      info: {title: Orders API, version: 1.0.0}
      paths:
        /orders:
          get:
            operationId: listOrders
            tags: [orders]
            summary: Lists the orders of a customer
            responses:
              '200':
                description: the orders
                content:
                  application/json:
                    schema: {$ref: '#/components/schemas/OrderPage'}
        /orders/{id}/refunds:
          post:
            operationId: refundOrder
            tags: [refunds]
            summary: Refunds an order
            parameters: [{name: id, in: path, required: true, schema: {type: string}}]
            responses: {'201': {description: refunded}}
      components:
        schemas:
          OrderPage: {type: object}
      """;

  static OtherPlugins sources;
  static RunningSearch search;
  static Database database;

  @BeforeAll
  static void start(@TempDir java.nio.file.Path dir) throws Exception {
    int searchPort = OtherPlugins.freePort();
    sources = new OtherPlugins(searchPort);
    database = TestSearchPlugin.empty(Database.connect("jdbc:sqlite:" + dir.resolve("search.sqlite")));
    Map<String, Object> config = new HashMap<>(sources.config(searchPort));
    // Batches of 5 entities and a budget that allows one batch a call: the pass must resume.
    config.put("search", Map.of("index", Map.of("batchSize", 5, "timeBudgetSeconds", 1, "passIntervalMinutes", 0)));
    search = new RunningSearch(database, searchPort, config);
  }

  @AfterAll
  static void stop() throws Exception {
    search.close();
    sources.close();
  }

  private static JsonNode query(String queryString) throws Exception {
    java.net.http.HttpResponse<String> response = search.get("/query?" + queryString, USER);
    assertEquals(200, response.statusCode(), response.body());
    return Json.MAPPER.readTree(response.body());
  }

  private static JsonNode index() throws Exception {
    java.net.http.HttpResponse<String> response = search.send("POST", "/index", SCHEDULER, null);
    assertEquals(200, response.statusCode(), response.body());
    return Json.MAPPER.readTree(response.body());
  }

  @Test
  void theFullPassIndexesEveryEntityAndOperationThenRemovesWhatIsGone() throws Exception {
    List<Map<String, Object>> entities = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      entities.add(OtherPlugins.component("service-" + i, "Backend number " + i, i % 3 == 0 ? "production" : "experimental",
          "group:default/team-" + (i % 2), List.of(i % 2 == 0 ? "java" : "go")));
    }
    entities.add(OtherPlugins.component("payments", "Takes card payments", "production", "group:default/team-pay", List.of("java", "money")));
    sources.provide(entities);
    sources.publish("orders", ORDERS_API);
    // What the change events indexed goes: the documents below come from the pass alone.
    TestSearchPlugin.empty(database);
    int calls = 0;
    JsonNode progress;
    do {
      progress = index();
      calls++;
    } while (!progress.get("done").asBoolean() && calls < 20);
    assertTrue(progress.get("done").asBoolean(), progress.toString());
    JsonNode catalog = query("term=&types%5B0%5D=software-catalog&pageLimit=50");
    assertEquals(13, catalog.get("numberOfResults").asInt(), catalog.toString());
    JsonNode payments = query("term=payments&types%5B0%5D=software-catalog").get("results").get(0);
    assertEquals("/catalog/default/component/payments", payments.at("/document/location").asText());
    assertEquals("production", payments.at("/document/lifecycle").asText());
    assertEquals("group:default/team-pay", payments.at("/document/owner").asText());
    assertEquals("[\"java\",\"money\"]", payments.at("/document/tags").toString());
    assertEquals(3, query("term=&filters%5Blifecycle%5D=production&filters%5Btags%5D=java").get("numberOfResults").asInt());

    JsonNode refund = query("term=refund&types%5B0%5D=api-definition").get("results");
    assertEquals(1, refund.size());
    assertEquals("POST /orders/{id}/refunds", refund.get(0).at("/document/title").asText());
    assertEquals("/api-docs/default/orders#/refunds/refundOrder", refund.get(0).at("/document/location").asText());
    assertEquals("GET /orders", query("term=OrderPage&types%5B0%5D=api-definition").at("/results/0/document/title").asText());

    // The next pass finds the catalog without service-11: its end removes it.
    List<Map<String, Object>> fewer = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      fewer.add(OtherPlugins.component("service-" + i, "Backend number " + i, "production", "group:default/team-0", List.of()));
    }
    sources.provide(fewer);
    calls = 0;
    do {
      progress = index();
      calls++;
    } while (!progress.get("done").asBoolean() && calls < 20);
    assertEquals(11, query("term=&types%5B0%5D=software-catalog").get("numberOfResults").asInt());
  }

  @Test
  void changesInTheCatalogOrApiDocsAreSearchableWithoutAPass() throws Exception {
    sources.provide(List.of(OtherPlugins.component("payments", "Takes card payments", "production", "group:default/team-pay", List.of("java"))));
    assertEquals(1, query("term=card&types%5B0%5D=software-catalog").get("numberOfResults").asInt());
    // The provider's full mutation replaces its earlier entities: the catalog tells search of every change.
    sources.provide(List.of(OtherPlugins.component("zeppelin", "Airship telemetry", "production", "group:default/team-air", List.of("lua"))));
    JsonNode found = query("term=airship");
    assertEquals(1, found.get("numberOfResults").asInt(), found.toString());
    assertEquals("/catalog/default/component/zeppelin", found.at("/results/0/document/location").asText());
    assertEquals(0, query("term=card&types%5B0%5D=software-catalog").get("numberOfResults").asInt(), "removed entities left search");

    sources.publish("fleet", """
        openapi: 3.0.3
        info: {title: Fleet API, version: 1.0.0}
        paths:
          /airships:
            get: {operationId: listAirships, summary: Lists the fleet of airships, responses: {'200': {description: ok}}}
        """);
    JsonNode operation = query("term=fleet&types%5B0%5D=api-definition");
    assertEquals("GET /airships", operation.at("/results/0/document/title").asText(), operation.toString());
  }

  @Test
  void onlyTheCatalogAndApiDocsSendEventsAndEachOnlyForItsOwnType() throws Exception {
    String event = "{\"type\":\"software-catalog\",\"keys\":[\"component:default/zeppelin\"]}";
    assertEquals(403, search.send("POST", "/events", USER, event).statusCode());
    assertEquals(403, search.send("POST", "/events", RunningSearch.service("github"), event).statusCode());
    java.net.http.HttpResponse<String> wrongType = search.send("POST", "/events", RunningSearch.service("api-docs"), event);
    assertEquals(400, wrongType.statusCode());
    assertEquals("plugin api-docs announces changes of api-definition only, not 'software-catalog'", Json.MAPPER.readTree(wrongType.body()).at("/error/message").asText());
    String tooMany = "{\"type\":\"software-catalog\",\"keys\":[" + String.join(",", java.util.Collections.nCopies(501, "\"component:default/x\"")) + "]}";
    assertEquals(400, search.send("POST", "/events", RunningSearch.service("catalog"), tooMany).statusCode());
    assertEquals(200, search.send("POST", "/events", RunningSearch.service("catalog"), event).statusCode());
  }

  @Test
  void onlyTheSchedulerAndAdminsRunTheIndex() throws Exception {
    assertEquals(403, search.send("POST", "/index", USER, null).statusCode());
    assertEquals(403, search.send("POST", "/index", RunningSearch.service("catalog"), null).statusCode());
  }
}
