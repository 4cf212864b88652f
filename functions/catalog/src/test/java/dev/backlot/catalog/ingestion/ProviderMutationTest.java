package dev.backlot.catalog.ingestion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.catalog.model.InvalidEntityException;
import dev.backlot.catalog.storage.EntityStore;
import dev.backlot.platform.Plugin;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.db.Database;
import dev.backlot.platform.http.Json;
import dev.backlot.platform.manifest.PluginManifest;
import dev.backlot.testing.DatabaseTest;
import dev.backlot.testing.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Entity provider mutations applied to both databases, with Backstage's ownership and removal rules. */
class ProviderMutationTest {
  private static final PluginManifest MANIFEST = new PluginManifest("catalog", "x.C", "/api/catalog", true, false,
      List.of(), List.of(), "/healthcheck", List.of(), PluginManifest.Resources.DEFAULT);
  private static final String PROVIDER = "github-org:github.com:acme";

  private static Database empty(TestDatabase db) throws Exception {
    Database database = Database.connect(db.jdbcUrl());
    Plugin.withDatabase(MANIFEST, Config.empty(), database, ProviderMutationTest.class.getClassLoader());
    try (Connection c = database.connection(); Statement s = c.createStatement()) {
      for (String table : List.of("search", "relations", "final_entities", "processing_errors", "location_leases")) {
        s.execute("DELETE FROM " + table);
      }
    }
    return database;
  }

  static ObjectNode group(String name, String... children) {
    return entity("Group", name, Map.of("type", "team", "children", List.of(children)));
  }

  static ObjectNode user(String name, String... memberOf) {
    return entity("User", name, Map.of("memberOf", List.of(memberOf)));
  }

  private static ObjectNode entity(String kind, String name, Map<String, Object> spec) {
    return Json.MAPPER.valueToTree(Map.of("apiVersion", "backstage.io/v1alpha1", "kind", kind,
        "metadata", Map.of("name", name), "spec", spec));
  }

  private static JsonNode full(ObjectNode... entities) {
    List<Map<String, Object>> items = new ArrayList<>();
    for (ObjectNode entity : entities) {
      items.add(Map.of("entity", entity));
    }
    return Json.MAPPER.valueToTree(Map.of("type", "full", "entities", items));
  }

  private static EntityStore.Applied apply(EntityStore store, JsonNode body) {
    return ProviderMutation.parse(PROVIDER, body).apply(store);
  }

  private static List<String> relations(EntityStore store, String ref) {
    List<String> found = new ArrayList<>();
    store.byRef(ref).orElseThrow().get("relations").forEach(r -> found.add(r.path("type").asText() + " " + r.path("targetRef").asText()));
    return found;
  }

  @DatabaseTest
  void aFullMutationReplacesTheProvidersEntitiesAndTheirRelations(TestDatabase db) throws Exception {
    try (Database database = empty(db)) {
      EntityStore store = new EntityStore(database);
      EntityStore.Applied first = apply(store, full(group("team-a"), user("jdoe", "team-a"), user("grace", "team-a")));
      assertEquals(3, first.added());
      assertEquals(List.of("hasMember user:default/grace", "hasMember user:default/jdoe"), relations(store, "group:default/team-a"));
      assertEquals(List.of("memberOf group:default/team-a"), relations(store, "user:default/jdoe"));
      assertEquals("provider:" + PROVIDER,
          store.byRef("user:default/jdoe").orElseThrow().at("/metadata/annotations/backstage.io~1managed-by-location").asText());

      EntityStore.Applied second = apply(store, full(group("team-a"), user("grace", "team-a")));
      assertEquals(1, second.removed());
      assertTrue(store.byRef("user:default/jdoe").isEmpty());
      assertEquals(List.of("hasMember user:default/grace"), relations(store, "group:default/team-a"), "jdoe's relations went with it");
    }
  }

  @DatabaseTest
  void unchangedEntitiesKeepTheirUidAndEtagAndAreNotRewritten(TestDatabase db) throws Exception {
    try (Database database = empty(db)) {
      EntityStore store = new EntityStore(database);
      apply(store, full(group("team-a"), user("jdoe", "team-a")));
      JsonNode before = store.byRef("user:default/jdoe").orElseThrow();
      EntityStore.Applied again = apply(store, full(group("team-a"), user("jdoe", "team-a")));
      assertEquals(0, again.written());
      assertEquals(2, again.unchanged());
      JsonNode after = store.byRef("user:default/jdoe").orElseThrow();
      assertEquals(before.at("/metadata/uid"), after.at("/metadata/uid"));
      assertEquals(before.at("/metadata/etag"), after.at("/metadata/etag"));

      EntityStore.Applied renamed = apply(store, full(group("team-a"), user("jdoe")));
      assertEquals(1, renamed.written());
      assertEquals(0, renamed.added(), "an update, not an addition");
      assertEquals(before.at("/metadata/uid"), store.byRef("user:default/jdoe").orElseThrow().at("/metadata/uid"));
    }
  }

  @DatabaseTest
  void aDeltaAddsAndRemovesOnlyTheProvidersOwn(TestDatabase db) throws Exception {
    try (Database database = empty(db)) {
      EntityStore store = new EntityStore(database);
      apply(store, full(group("team-a")));
      ProviderMutation.parse("other-provider", full(group("team-b"))).apply(store);
      EntityStore.Applied delta = apply(store, Json.MAPPER.valueToTree(Map.of("type", "delta",
          "added", List.of(Map.of("entity", user("jdoe", "team-a"))),
          "removed", List.of(Map.of("entityRef", "group:default/team-a"), Map.of("entity", group("team-b"))))));
      assertEquals(1, delta.added());
      assertEquals(1, delta.removed(), "team-b belongs to the other provider");
      assertTrue(store.byRef("group:default/team-a").isEmpty());
      assertTrue(store.byRef("group:default/team-b").isPresent());
      assertTrue(store.byRef("user:default/jdoe").isPresent(), "a delta removes nothing it does not name");
    }
  }

  @DatabaseTest
  void anEntityALocationOwnsIsReportedAndLeftAlone(TestDatabase db) throws Exception {
    try (Database database = empty(db)) {
      EntityStore store = new EntityStore(database);
      store.replace("url:https://example.com/org.yaml", List.of(group("team-a", "sub-team")), true);
      JsonNode before = store.byRef("group:default/team-a").orElseThrow();
      EntityStore.Applied applied = apply(store, full(group("team-a"), user("jdoe", "team-a")));
      assertEquals(1, applied.added());
      assertEquals(1, applied.conflicts().size(), applied.conflicts().toString());
      assertTrue(applied.conflicts().get(0).startsWith("group:default/team-a is already managed by url:https://example.com/org.yaml"));
      JsonNode after = store.byRef("group:default/team-a").orElseThrow();
      assertEquals(before.at("/metadata/uid"), after.at("/metadata/uid"));
      assertEquals(before.get("spec"), after.get("spec"), "the location's version is left alone");
      assertNotEquals(before.at("/metadata/etag"), after.at("/metadata/etag"), "it serves the user's new hasMember, so a new etag");
      assertEquals("url:https://example.com/org.yaml", store.originOf("group:default/team-a").orElseThrow());
      assertEquals(List.of("hasMember user:default/jdoe", "parentOf group:default/sub-team"), relations(store, "group:default/team-a"),
          "the location's children stay; the provider's user adds its own side");
      apply(store, full());
      assertTrue(store.byRef("group:default/team-a").isPresent(), "the provider's empty set does not remove the location's entity");
    }
  }

  @DatabaseTest
  void oneInvalidEntityRejectsTheWholeMutation(TestDatabase db) throws Exception {
    try (Database database = empty(db)) {
      EntityStore store = new EntityStore(database);
      apply(store, full(group("team-a")));
      ObjectNode invalid = group("team b");
      InvalidEntityException error = assertThrows(InvalidEntityException.class, () -> apply(store, full(user("jdoe"), invalid)));
      assertTrue(error.getMessage().contains("entities[1]: Group 'team b'") && error.getMessage().contains("metadata.name"), error.getMessage());
      assertTrue(store.byRef("user:default/jdoe").isEmpty());
      assertTrue(store.byRef("group:default/team-a").isPresent(), "the last good set stays");
      assertThrows(InvalidEntityException.class, () -> ProviderMutation.parse("Bad/Name", full()));
    }
  }
}
