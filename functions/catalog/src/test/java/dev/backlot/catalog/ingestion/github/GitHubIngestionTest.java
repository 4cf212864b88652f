package dev.backlot.catalog.ingestion.github;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.backlot.catalog.MalloryFile;
import dev.backlot.catalog.ingestion.LocationProcessor;
import dev.backlot.catalog.ingestion.LocationRefresh;
import dev.backlot.catalog.ingestion.LocationSpec;
import dev.backlot.catalog.ingestion.rules.CatalogRules;
import dev.backlot.catalog.storage.EntityStore;
import dev.backlot.catalog.storage.LocationStore;
import dev.backlot.catalog.storage.RefreshLeases;
import dev.backlot.platform.Plugin;
import dev.backlot.platform.cache.MemoryCache;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.db.Database;
import dev.backlot.platform.manifest.PluginManifest;
import dev.backlot.testing.DatabaseTest;
import dev.backlot.testing.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** A catalog location on GitHub, ingested through the GitHub reader from a WireMock GitHub API. */
class GitHubIngestionTest {
  private static final PluginManifest MANIFEST = new PluginManifest("catalog", "x.C", "/api/catalog", true, false,
      List.of(), List.of(), "/healthcheck", List.of(), PluginManifest.Resources.DEFAULT);
  private static final String ROOT = "https://github.com/acme/payments/blob/main/catalog-info.yaml";
  private static final String ROOT_API = "/repos/acme/payments/contents/catalog-info.yaml?ref=main";
  private static final String NESTED_API = "/repos/acme/payments/contents/apis/payments.yaml?ref=main";
  private static final String DEFINITION_API = "/repos/acme/payments/contents/apis/openapi.yaml?ref=main";

  private static final String ROOT_YAML = """
      apiVersion: backstage.io/v1alpha1
      kind: Component
      metadata: {name: payments-service}
      spec: {type: service, lifecycle: production, owner: group:default/payments-team, providesApis: [payments-api]}
      ---
      apiVersion: backstage.io/v1alpha1
      kind: Location
      metadata: {name: payments-apis}
      spec: {targets: [./apis/payments.yaml]}
      """;
  private static final String NESTED_YAML = """
      apiVersion: backstage.io/v1alpha1
      kind: API
      metadata: {name: payments-api}
      spec: {type: openapi, lifecycle: production, owner: group:default/payments-team, definition: {$text: ./openapi.yaml}}
      """;

  @DatabaseTest
  void aGitHubLocationIngestsWithRelativeTargetsAndADeletedFileKeepsItsLastGoodEntities(TestDatabase db) throws Exception {
    WireMockServer github = new WireMockServer(options().dynamicPort());
    github.start();
    try (Database database = emptyDatabase(db)) {
      Config config = Config.of(Map.of(
          "integrations", Map.of("github", List.of(Map.of("host", "github.com", "apiBaseUrl", github.baseUrl(), "token", "ghp_x"))),
          "catalog", Map.of("locations", List.of(Map.of("type", "url", "target", ROOT)))));
      GitHubUrlReader reader = new GitHubUrlReader(config, new MemoryCache(100, Duration.ofHours(1)), Clock.systemUTC(), duration -> {});
      EntityStore store = new EntityStore(database);
      LocationRefresh refresh = new LocationRefresh(config, new LocationStore(database),
          new LocationProcessor(List.of(reader), CatalogRules.fromConfig(config, UnaryOperator.identity())),
          store, new RefreshLeases(database));

      // apis/payments.yaml could be on a branch "main/apis"; GitHub says main is the branch.
      github.stubFor(get(urlEqualTo("/repos/acme/payments/branches/main")).willReturn(GitHubApi.branch("main")));
      github.stubFor(get(urlEqualTo(ROOT_API)).willReturn(GitHubApi.rawFile(ROOT_YAML, "\"r1\"")));
      github.stubFor(get(urlEqualTo(NESTED_API)).willReturn(GitHubApi.rawFile(NESTED_YAML, "\"n1\"")));
      github.stubFor(get(urlEqualTo(DEFINITION_API)).willReturn(GitHubApi.rawFile("openapi: 3.0.3\n", "\"d1\"")));
      LocationRefresh.Outcome first = refresh.refresh(new LocationSpec("url", ROOT)).orElseThrow();
      assertEquals(List.of(), first.errors());
      assertTrue(first.complete());
      ObjectNode api = store.byRef("api:default/payments-api").orElseThrow();
      assertEquals("openapi: 3.0.3\n", api.at("/spec/definition").asText(), "$text resolved against the blob URL");
      assertEquals("url:https://github.com/acme/payments/blob/main/apis/payments.yaml",
          api.at("/metadata/annotations/backstage.io~1managed-by-location").asText(), "the Location target resolved against the blob URL");

      github.stubFor(get(urlEqualTo(NESTED_API)).willReturn(GitHubApi.notFound()));
      LocationRefresh.Outcome deleted = refresh.refresh(new LocationSpec("url", ROOT)).orElseThrow();
      assertFalse(deleted.complete());
      assertEquals(0, deleted.removed());
      assertTrue(deleted.errors().stream().anyMatch(e -> e.contains("apis/payments.yaml") && e.contains("not found")), deleted.errors().toString());
      assertTrue(store.byRef("api:default/payments-api").isPresent(), "a failed read deletes nothing");
      assertTrue(store.byRef("component:default/payments-service").isPresent());
    } finally {
      github.stop();
    }
  }

  private static final String DISCOVERED = "https://github.com/acme/mallory/blob/main/catalog-info.yaml";
  private static final String DISCOVERED_API = "/repos/acme/mallory/contents/catalog-info.yaml?ref=main";

  @DatabaseTest
  void aCatalogFileThatDiscoveryRegistersCannotBringInAUserAndOneItBroughtBeforeGoes(TestDatabase db) throws Exception {
    WireMockServer github = new WireMockServer(options().dynamicPort());
    github.start();
    try (Database database = emptyDatabase(db)) {
      github.stubFor(get(urlEqualTo("/repos/acme/mallory/branches/main")).willReturn(GitHubApi.branch("main")));
      github.stubFor(get(urlEqualTo(DISCOVERED_API)).willReturn(GitHubApi.rawFile(MalloryFile.YAML, "\"m1\"")));
      // What POST /locations stores when GitHub discovery registers a repository's catalog file.
      new LocationStore(database).add(new LocationSpec("url", DISCOVERED));
      EntityStore store = new EntityStore(database);
      Map<String, Object> integrations = Map.of("github", List.of(Map.of("host", "github.com", "apiBaseUrl", github.baseUrl(), "token", "ghp_x")));

      for (Map<String, Object> catalog : List.of(Map.<String, Object>of(), Map.<String, Object>of("orphanStrategy", "keep"))) {
        // A catalog that let registered files bring in Users (as Backlot did before catalog.rules) stored her.
        refresh(database, store, Config.of(Map.of("integrations", integrations,
            "catalog", Map.of("rules", List.of(Map.of("allow", List.of("Component", "Location", "User")))))));
        assertTrue(store.byRef("user:default/0-mallory").isPresent());

        LocationRefresh.Outcome outcome = refresh(database, store, Config.of(Map.of("integrations", integrations, "catalog", catalog)));
        assertTrue(store.byRef("user:default/0-mallory").isEmpty(), "gone, orphans kept or not: " + catalog);
        assertTrue(store.byRef("component:default/mallory-service").isPresent());
        assertTrue(outcome.errors().contains(MalloryFile.refusal("url:" + DISCOVERED)), outcome.errors().toString());
      }
    } finally {
      github.stop();
    }
  }

  /** Refreshes the registered location now with a catalog configured by {@code config}. */
  private static LocationRefresh.Outcome refresh(Database database, EntityStore store, Config config) {
    GitHubUrlReader reader = new GitHubUrlReader(config, new MemoryCache(100, Duration.ofHours(1)), Clock.systemUTC(), duration -> {});
    LocationProcessor processor = new LocationProcessor(List.of(reader), CatalogRules.fromConfig(config, UnaryOperator.identity()));
    LocationRefresh refresh = new LocationRefresh(config, new LocationStore(database), processor, store, new RefreshLeases(database));
    return refresh.refresh(new LocationSpec("url", DISCOVERED)).orElseThrow();
  }

  /** The class's database, migrated, without entities or locations. */
  private static Database emptyDatabase(TestDatabase db) throws Exception {
    Database database = Database.connect(db.jdbcUrl());
    Plugin.withDatabase(MANIFEST, Config.empty(), database, GitHubIngestionTest.class.getClassLoader());
    try (Connection c = database.connection(); Statement s = c.createStatement()) {
      for (String table : List.of("search", "relations", "final_entities", "processing_errors", "location_leases", "locations")) {
        s.execute("DELETE FROM " + table);
      }
    }
    return database;
  }
}
