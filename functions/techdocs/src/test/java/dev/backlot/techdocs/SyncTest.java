package dev.backlot.techdocs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlot.platform.http.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** POST /sync builds examples/' checkout docs from a copy of the example, through the real invoker. */
class SyncTest {
  private CatalogStandIn catalog;
  private RunningTechDocs techdocs;
  private Path repository;

  @BeforeEach
  void start() throws Exception {
    repository = Files.createTempDirectory("repo");
    Path example = Path.of("../../examples/systems/checkout-service");
    try (Stream<Path> files = Files.walk(example)) {
      for (Path file : files.toList()) {
        Path target = repository.resolve("checkout-service").resolve(example.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
    Files.writeString(repository.resolve("catalog-info.yaml"), "# the catalog file the entity came from\n");
    catalog = new CatalogStandIn();
    catalog.put(entity("checkout-service", "dir:./checkout-service", "file:" + repository.resolve("catalog-info.yaml")));
    techdocs = RunningTechDocs.start(catalog.baseUrl(), Map.of());
  }

  private static Map<String, Object> entity(String name, String ref, String location) {
    return Map.of("kind", "Component", "metadata", Map.of("namespace", "default", "name", name,
        "annotations", Map.of("backstage.io/techdocs-ref", ref, "backstage.io/managed-by-location", location)));
  }

  @AfterEach
  void stop() throws Exception {
    techdocs.close();
    catalog.close();
  }

  private JsonNode sync() throws Exception {
    var answer = techdocs.post("/sync", RunningTechDocs.SCHEDULER);
    assertEquals(200, answer.statusCode(), answer.body());
    return Json.MAPPER.readTree(answer.body());
  }

  @Test
  void buildsTheSiteIntoThePublishersLayoutAndServesIt() throws Exception {
    JsonNode report = sync();
    assertEquals(1, report.path("built").asInt(), report.toString());
    Path site = techdocs.sites().resolve("default/component/checkout-service");
    assertTrue(Files.isRegularFile(site.resolve("index.html")));
    assertTrue(Files.isRegularFile(site.resolve("operations/runbook/index.html")));
    assertTrue(Files.isRegularFile(site.resolve("images/checkout-flow.svg")));
    JsonNode metadata = Json.MAPPER.readTree(techdocs.get("/metadata/techdocs/default/component/checkout-service", RunningTechDocs.USER).body());
    assertEquals("Checkout service", metadata.path("site_name").asText());
    assertEquals(64, metadata.path("etag").asText().length());
    assertTrue(metadata.path("build_timestamp").asLong() > 0);
    String home = new String(techdocs.get("/static/docs/default/component/checkout-service/", RunningTechDocs.USER).body(), StandardCharsets.UTF_8);
    assertTrue(home.contains("https://github.com/acme/checkout-service/edit/main/docs/index.md"), home);
  }

  @Test
  void anUnchangedSourceIsNotRebuiltAndAChangedOneReplacesTheOldFiles() throws Exception {
    assertEquals(1, sync().path("built").asInt());
    JsonNode again = sync();
    assertEquals(0, again.path("built").asInt());
    assertEquals(1, again.path("unchanged").asInt());
    Path docs = repository.resolve("checkout-service/docs");
    Files.delete(docs.resolve("operations/configuration.md"));
    Files.writeString(docs.resolve("index.md"), "# Checkout service\n\nRewritten.\n");
    JsonNode changed = sync();
    assertEquals(1, changed.path("built").asInt(), changed.toString());
    Path site = techdocs.sites().resolve("default/component/checkout-service");
    assertFalse(Files.exists(site.resolve("operations/configuration/index.html")), "the removed page's file is gone");
    assertTrue(Files.readString(site.resolve("index.html")).contains("Rewritten."));
  }

  @Test
  void referencesOutsideTheCatalogFilesFolderFailAndOthersAreSkipped() throws Exception {
    catalog.put(entity("escaping", "dir:../../..", "file:" + repository.resolve("catalog-info.yaml")));
    // Not on a GitHub host of integrations.github: CI publishes these (GitHubSyncTest builds those on GitHub).
    catalog.put(entity("published-by-ci", "url:https://gitlab.example/acme/x/-/tree/main", "url:https://gitlab.example/acme/x/-/blob/main/catalog-info.yaml"));
    catalog.put(entity("from-gitlab", "dir:.", "url:https://gitlab.example/acme/y/-/blob/main/catalog-info.yaml"));
    JsonNode report = sync();
    assertEquals(1, report.path("built").asInt());
    assertEquals("component:default/escaping", report.path("failed").get(0).path("entityRef").asText());
    assertTrue(report.path("failed").get(0).path("message").asText().contains("leaves the folder"), report.toString());
    assertEquals(2, report.path("skipped").size(), report.toString());
  }

  @Test
  void onlyAdminsAndTheSchedulerMaySyncAndAnUnreadableCatalogChangesNothing() throws Exception {
    assertEquals(403, techdocs.post("/sync", RunningTechDocs.USER).statusCode());
    catalog.up = false;
    assertEquals(503, techdocs.post("/sync", RunningTechDocs.SCHEDULER).statusCode());
  }
}
