package dev.backlot.catalog.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.platform.Plugin;
import dev.backlot.platform.db.Database;
import dev.backlot.platform.db.Migrations;
import dev.backlot.platform.http.Json;
import dev.backlot.testing.DatabaseTest;
import dev.backlot.testing.TestDatabase;
import java.util.List;

/**
 * Relation rows carry their source entity's id (migration V14), which relation filters read
 * instead of joining by ref; the id must follow the source through every write: a relation another
 * entity emitted before its source was stored, the source deleted, a new entity given the deleted
 * one's id (SQLite reuses the largest), the source stored again.
 */
class RelationSourceIdsTest {
  private static final EntityFilter OWNER_OF_A = EntityFilter.valueOf("relations.ownerOf", List.of("component:default/a"));

  @DatabaseTest
  void relationFiltersFollowTheSourceEntityThroughEveryWrite(TestDatabase db) throws Exception {
    try (Database database = Database.connect(db.jdbcUrl())) {
      Migrations.apply(database, RelationSourceIdsTest.class.getClassLoader(), Plugin.MIGRATIONS);
      EntityStore store = new EntityStore(database);
      EntityQuery query = new EntityQuery(store);
      // component:default/a emits ownerOf with team-x as its source, before team-x exists.
      store.replace("file:/components.yaml", List.of(component("a", "group:default/team-x")), true);
      assertSelected(store, query, List.of(), 1);

      store.replace("file:/groups.yaml", List.of(group("team-x")), true);
      assertSelected(store, query, List.of("group:default/team-x"), 2);

      store.replace("file:/groups.yaml", List.of(), true);
      assertSelected(store, query, List.of(), 1);

      // The newest entity was deleted: SQLite gives the next one its id, which must not inherit the relation.
      store.replace("file:/other.yaml", List.of(group("team-y")), true);
      assertSelected(store, query, List.of(), 2);

      store.replace("file:/groups.yaml", List.of(group("team-x")), true);
      assertSelected(store, query, List.of("group:default/team-x"), 3);

      // Rewritten with another owner, the component's relations move to the new source.
      store.replace("file:/components.yaml", List.of(component("a", "group:default/team-y")), true);
      assertSelected(store, query, List.of("group:default/team-y"), 3);
    }
  }

  /** What a list, a by-query page and count, and the negated filter select. */
  private static void assertSelected(EntityStore store, EntityQuery query, List<String> refs, int entities) {
    assertEquals(refs, store.list(OWNER_OF_A, 10, 0).stream().map(RelationSourceIdsTest::ref).toList());
    assertEquals(refs, query.page(QueryPlan.of(OWNER_OF_A, null, null), null, 10).items().stream().map(RelationSourceIdsTest::ref).toList());
    assertEquals(refs.size(), query.count(QueryPlan.of(OWNER_OF_A, null, null)));
    assertEquals(entities - refs.size(), query.count(QueryPlan.of(EntityFilter.not(OWNER_OF_A), null, null)), "entities not selected");
  }

  private static String ref(ObjectNode entity) {
    return entity.path("kind").asText().toLowerCase() + ":default/" + entity.path("metadata").path("name").asText();
  }

  private static ObjectNode component(String name, String owner) {
    ObjectNode entity = Json.object().put("apiVersion", "backstage.io/v1alpha1").put("kind", "Component");
    entity.putObject("metadata").put("name", name);
    entity.putObject("spec").put("type", "service").put("lifecycle", "production").put("owner", owner);
    return entity;
  }

  private static ObjectNode group(String name) {
    ObjectNode entity = Json.object().put("apiVersion", "backstage.io/v1alpha1").put("kind", "Group");
    entity.putObject("metadata").put("name", name);
    entity.putObject("spec").put("type", "team").putArray("children");
    return entity;
  }
}
