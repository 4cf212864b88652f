package dev.backlot.search.indexing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlot.platform.db.Database;
import dev.backlot.platform.http.Json;
import dev.backlot.search.OtherPlugins;
import dev.backlot.search.RunningSearch;
import dev.backlot.search.TestSearchPlugin;
import dev.backlot.testing.DatabaseTest;
import dev.backlot.testing.PermissionServer;
import dev.backlot.testing.TestDatabase;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@code techdocs} documents from the real catalog and techdocs functions, on both databases:
 * every page and heading of each published site's mkdocs search index, found again right after
 * techdocs rebuilds a site, and hidden with the entity a person may not read.
 */
class TechDocsIndexingTest {
  static final String SCHEDULER = RunningSearch.service("scheduler");
  static final String ALICE = RunningSearch.user("user:default/alice");
  static final String READ = "catalog.entity.read";
  static final String PAYMENTS_INDEX = """
      {"config": {"lang": ["en"], "separator": "[\\\\s\\\\-]+"},
       "docs": [
         {"location": "", "title": "Payments", "text": "How the payments service takes card payments."},
         {"location": "guide/", "title": "Operating guide", "text": "Deploys &amp; rollbacks of the payments service."},
         {"location": "guide/#refunds", "title": "Refunds", "text": "Refunding an order returns the money within a day."},
         {"location": "../../../../logout", "title": "Refunds elsewhere", "text": "Refunding escapes the docs."},
         {"location": "javascript:alert(1)", "title": "Refunds script", "text": "Refunding runs a script."}
       ]}""";
  static final String LEDGER_INDEX = """
      {"docs": [{"location": "", "title": "Ledger", "text": "Refunding entries in the ledger book."}]}""";

  static OtherPlugins sources;
  static PermissionServer permissions;
  static int searchPort;
  static Path repository;

  @BeforeAll
  static void start() throws Exception {
    searchPort = OtherPlugins.freePort();
    sources = new OtherPlugins(searchPort);
    permissions = PermissionServer.start();
    // Alice may read the payments component only; the policy depends on the entity.
    permissions.decide("user:default/alice", READ, """
        {"result":"CONDITIONAL","pluginId":"catalog","resourceType":"catalog-entity",
         "conditions":{"rule":"IS_ENTITY_OWNER","resourceType":"catalog-entity","params":{"claims":["group:default/team-pay"]}}}""");
    permissions.decideOn("user:default/alice", READ, "component:default/payments", "{\"result\":\"ALLOW\"}");
    repository = Files.createTempDirectory("docs-repo");
    Files.writeString(repository.resolve("catalog-info.yaml"), "# the catalog file the entity came from\n");
    Files.createDirectories(repository.resolve("zeppelin/docs"));
    Files.writeString(repository.resolve("zeppelin/mkdocs.yml"), "site_name: Zeppelin\n");
    Files.writeString(repository.resolve("zeppelin/docs/index.md"), "# Zeppelin\n\nAirship telemetry handbook.\n\n## Mooring\n\nHow to moor an airship.\n");
    publish("default/component/payments", PAYMENTS_INDEX);
    publish("default/component/ledger", LEDGER_INDEX);
  }

  @AfterAll
  static void stop() throws Exception {
    permissions.close();
    sources.close();
  }

  /** A site as techdocs-cli publishes it: only its search index matters here. */
  static void publish(String folder, String index) throws Exception {
    Path site = sources.sites().resolve(folder);
    Files.createDirectories(site.resolve("search"));
    Files.writeString(site.resolve("index.html"), "<html></html>");
    Files.writeString(site.resolve("search/search_index.json"), index);
  }

  static Map<String, Object> documented(String name, String title, String owner, String techdocsRef) {
    Map<String, Object> metadata = new HashMap<>(Map.of("name", name, "title", title, "description", "the " + name,
        "annotations", Map.of("backstage.io/techdocs-ref", techdocsRef,
            "backstage.io/managed-by-location", "file:" + repository.resolve("catalog-info.yaml"))));
    return Map.of("apiVersion", "backstage.io/v1alpha1", "kind", "Component", "metadata", metadata,
        "spec", Map.of("type", "service", "lifecycle", "production", "owner", owner));
  }

  private static RunningSearch search(TestDatabase db) throws Exception {
    Database database = TestSearchPlugin.empty(Database.connect(db.jdbcUrl()));
    Map<String, Object> config = new HashMap<>(sources.config(searchPort));
    @SuppressWarnings("unchecked")
    List<Object> endpoints = new ArrayList<>((List<Object>) ((Map<String, Object>) config.get("discovery")).get("endpoints"));
    endpoints.add(Map.of("target", permissions.baseUrl(), "plugins", List.of("permission")));
    config.put("discovery", Map.of("endpoints", endpoints));
    config.put("permission", Map.of("enabled", true));
    config.put("search", Map.of("index", Map.of("passIntervalMinutes", 0)));
    return new RunningSearch(database, searchPort, config);
  }

  private static JsonNode query(RunningSearch search, String term, String authorization) throws Exception {
    java.net.http.HttpResponse<String> response = search.get("/query?types%5B0%5D=techdocs&term=" + URLEncoder.encode(term, StandardCharsets.UTF_8), authorization);
    assertEquals(200, response.statusCode(), response.body());
    return Json.MAPPER.readTree(response.body());
  }

  private static void fullPass(RunningSearch search) throws Exception {
    JsonNode progress;
    int calls = 0;
    do {
      java.net.http.HttpResponse<String> response = search.send("POST", "/index", SCHEDULER, null);
      assertEquals(200, response.statusCode(), response.body());
      progress = Json.MAPPER.readTree(response.body());
    } while (!progress.get("done").asBoolean() && ++calls < 20);
    assertTrue(progress.get("done").asBoolean(), progress.toString());
    assertFalse(progress.path("types").path("techdocs").has("error"), progress.toString());
  }

  @DatabaseTest
  void theFullPassIndexesEveryPageAndHeadingOfEachPublishedSite(TestDatabase db) throws Exception {
    sources.provide(List.of(documented("payments", "Payments service", "group:default/team-pay", "url:https://github.com/acme/payments"),
        documented("ledger", "Ledger", "group:default/team-books", "url:https://github.com/acme/ledger"),
        documented("undocumented", "Never published", "group:default/team-pay", "url:https://github.com/acme/undocumented"),
        OtherPlugins.component("plain", "Refunding without docs", "production", "group:default/team-pay", List.of())));
    try (RunningSearch search = search(db)) {
      fullPass(search);
      JsonNode all = query(search, "", SCHEDULER);
      assertEquals(4, all.get("numberOfResults").asInt(), "3 from payments' safe locations, 1 from ledger: " + all);

      JsonNode refunds = query(search, "refunds", SCHEDULER).get("results");
      assertEquals("techdocs", refunds.get(0).get("type").asText());
      JsonNode document = refunds.get(0).get("document");
      assertEquals("Refunds", document.get("title").asText());
      assertEquals("Refunding an order returns the money within a day.", document.get("text").asText());
      assertEquals("/docs/default/component/payments/guide/#refunds", document.get("location").asText());
      assertEquals("guide/#refunds", document.get("path").asText());
      assertEquals("component", document.get("kind").asText());
      assertEquals("default", document.get("namespace").asText());
      assertEquals("payments", document.get("name").asText());
      assertEquals("Payments service", document.get("entityTitle").asText());
      assertEquals("service", document.get("componentType").asText());
      assertEquals("production", document.get("lifecycle").asText());
      assertEquals("team-pay", document.get("owner").asText());
      assertEquals("Deploys & rollbacks of the payments service.", query(search, "rollbacks", SCHEDULER).at("/results/0/document/text").asText());

      // Filters work on the entity's fields, as for catalog documents.
      java.net.http.HttpResponse<String> filtered = search.get("/query?types%5B0%5D=techdocs&term=refunding&filters%5Bowner%5D=team-books", SCHEDULER);
      assertEquals(List.of("/docs/default/component/ledger/"), locations(Json.MAPPER.readTree(filtered.body())));
    }
  }

  @DatabaseTest
  void aPublishedIndexCannotPointAResultOutsideItsEntitysDocs(TestDatabase db) throws Exception {
    sources.provide(List.of(documented("payments", "Payments service", "group:default/team-pay", "url:https://github.com/acme/payments")));
    try (RunningSearch search = search(db)) {
      fullPass(search);
      List<String> found = locations(query(search, "refunding", SCHEDULER));
      assertEquals(List.of("/docs/default/component/payments/guide/#refunds"), found);
    }
  }

  @DatabaseTest
  void aSiteTechDocsRebuildsIsSearchableWithoutWaitingForAPass(TestDatabase db) throws Exception {
    sources.provide(List.of(documented("zeppelin", "Zeppelin", "group:default/team-air", "dir:./zeppelin")));
    // Built afresh on each database's run.
    Path built = sources.sites().resolve("default/component/zeppelin");
    if (Files.exists(built)) {
      try (var files = Files.walk(built)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
      }
    }
    try (RunningSearch search = search(db)) {
      assertEquals(0, query(search, "airship", SCHEDULER).get("numberOfResults").asInt());
      java.net.http.HttpResponse<String> sync = sources.syncDocs();
      assertEquals(200, sync.statusCode(), sync.body());
      assertEquals(1, Json.MAPPER.readTree(sync.body()).get("built").asInt(), sync.body());
      // techdocs told search which entity's site it rebuilt; no POST /index ran.
      JsonNode found = query(search, "moor airship", SCHEDULER);
      assertEquals(List.of("/docs/default/component/zeppelin/"), locations(found), found.toString());
      assertEquals("team-air", found.at("/results/0/document/owner").asText());
    }
  }

  @DatabaseTest
  void aPersonSeesAndCountsOnlyTheDocsOfEntitiesTheyMayRead(TestDatabase db) throws Exception {
    sources.provide(List.of(documented("payments", "Payments service", "group:default/team-pay", "url:https://github.com/acme/payments"),
        documented("ledger", "Ledger", "group:default/team-books", "url:https://github.com/acme/ledger")));
    try (RunningSearch search = search(db)) {
      fullPass(search);
      assertEquals(2, query(search, "refunding", SCHEDULER).get("numberOfResults").asInt());
      JsonNode alice = query(search, "refunding", ALICE);
      assertEquals(List.of("/docs/default/component/payments/guide/#refunds"), locations(alice));
      assertEquals(1, alice.get("numberOfResults").asInt(), "the ledger's page is not counted either");
    }
  }

  private static List<String> locations(JsonNode answer) {
    List<String> locations = new ArrayList<>();
    answer.get("results").forEach(result -> locations.add(result.at("/document/location").asText()));
    return locations;
  }
}
