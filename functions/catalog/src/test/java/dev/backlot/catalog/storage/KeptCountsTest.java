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
import java.util.Set;

/**
 * By-query counts are kept per catalog generation, so each must be counted again after every
 * kind of write, made on this instance or another (another store on the same database):
 * entities added, rewritten, removed by their location, deleted by uid, marked as orphans.
 */
class KeptCountsTest {
  private static final QueryPlan PAYMENTS = QueryPlan.of(EntityFilter.ALL,
      new EntityQuery.FullText("payments", List.of("metadata.name", "metadata.title")), new EntityQuery.Sort("metadata.name", true));
  private static final QueryPlan ORPHANS = QueryPlan.of(EntityFilter.valueOf("metadata.annotations.backstage.io/orphan", List.of("true")), null, null);

  @DatabaseTest
  void everyWriteOnAnyInstanceIsCountedAtOnce(TestDatabase db) throws Exception {
    try (Database database = Database.connect(db.jdbcUrl())) {
      Migrations.apply(database, KeptCountsTest.class.getClassLoader(), Plugin.MIGRATIONS);
      EntityStore store = new EntityStore(database);
      EntityStore otherInstance = new EntityStore(database);
      EntityQuery query = new EntityQuery(store);

      store.replace("file:/a.yaml", List.of(component("a", "Payments A"), component("b", "Billing")), true);
      assertEquals(1, query.count(PAYMENTS));
      assertEquals(1, query.count(PAYMENTS));

      otherInstance.replace("file:/b.yaml", List.of(component("payments-gateway", "Gateway")), true);
      assertEquals(2, query.count(PAYMENTS), "added on another instance");

      otherInstance.replace("file:/a.yaml", List.of(component("a", "Payments A"), component("b", "Payments B")), true);
      assertEquals(3, query.count(PAYMENTS), "rewritten");

      otherInstance.replace("file:/a.yaml", List.of(component("b", "Payments B")), true);
      assertEquals(2, query.count(PAYMENTS), "no longer emitted");

      String uid = store.byRef("component:default/payments-gateway").orElseThrow().at("/metadata/uid").asText();
      otherInstance.deleteByUid(uid);
      assertEquals(1, query.count(PAYMENTS), "deleted by uid");

      assertEquals(0, query.count(ORPHANS));
      try (Replacement keeping = otherInstance.replacing("file:/a.yaml", true)) {
        keeping.finish(true, Set.of(), List.of(), null);
      }
      assertEquals(1, query.count(ORPHANS), "marked as an orphan");
      assertEquals(1, query.count(PAYMENTS));
    }
  }

  private static ObjectNode component(String name, String title) {
    ObjectNode entity = Json.object().put("apiVersion", "backstage.io/v1alpha1").put("kind", "Component");
    entity.putObject("metadata").put("name", name).put("title", title);
    entity.putObject("spec").put("type", "service").put("lifecycle", "production").put("owner", "group:default/team");
    return entity;
  }
}
