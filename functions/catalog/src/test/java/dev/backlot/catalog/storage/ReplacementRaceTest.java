package dev.backlot.catalog.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.platform.Plugin;
import dev.backlot.platform.db.Database;
import dev.backlot.platform.db.Migrations;
import dev.backlot.platform.http.Json;
import dev.backlot.testing.Poll;
import dev.backlot.testing.PostgresServers;
import dev.backlot.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two locations refreshed at once (the scheduled refresh fans out) may both emit a ref nobody
 * stored yet: each looks, finds nothing, and inserts. The one that stores it first keeps it, and
 * the other's refresh goes on with a conflict instead of failing on the unique ref.
 */
class ReplacementRaceTest {
  // PostgreSQL only: SQLite's transactions take the write lock when they begin, so a second
  // writer waits before it looks and then finds the first one's row.
  @Test
  void theSecondOfTwoConcurrentFirstWritesOfARefReportsAConflictAndStoresTheRest() throws Exception {
    PostgresServers.Created created = PostgresServers.shared().createDatabase();
    TestDatabase db = created.database();
    assumeTrue(db.unavailableReason() == null, db.unavailableReason());
    try (Database database = Database.connect(db.jdbcUrl())) {
      Migrations.apply(database, ReplacementRaceTest.class.getClassLoader(), Plugin.MIGRATIONS);
      EntityStore store = new EntityStore(database);
      try (Replacement first = store.replacing("file:/team-a.yaml", false); Replacement second = store.replacing("file:/team-b.yaml", false)) {
        first.add(null, List.of(component("shared", "team-a")));
        // Writes the pending entity inside the still open transaction: its row is not visible yet.
        first.remove(List.of("component:default/none"));

        CompletableFuture<EntityStore.Applied> racing = CompletableFuture.supplyAsync(() -> {
          second.add(null, List.of(component("shared", "team-b"), component("only-b", "team-b")));
          return second.finish(true, Set.of(), List.of(), "location:default/b");
        });
        awaitBlocked(database);
        first.finish(true, Set.of(), List.of(), "location:default/a");

        EntityStore.Applied applied = racing.get(30, TimeUnit.SECONDS);
        assertEquals(List.of("component:default/shared is already managed by file:/team-a.yaml; file:/team-b.yaml may not replace it"),
            applied.conflicts());
        assertEquals(1, applied.added());
      }
      assertEquals("team-a", owner(database, "component:default/shared"));
      assertEquals("team-b", owner(database, "component:default/only-b"));
    } finally {
      created.drop();
    }
  }

  /** Until the second insert waits on the first's uncommitted row. */
  private static void awaitBlocked(Database database) throws Exception {
    Poll.until(Duration.ofSeconds(15), () -> {
      try (Connection connection = database.connection();
          ResultSet rows = connection.createStatement().executeQuery(
              "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'")) {
        rows.next();
        return rows.getInt(1) > 0;
      }
    }, () -> "the second insert never waited on the first");
  }

  private static String owner(Database database, String ref) throws Exception {
    try (Connection connection = database.connection();
        var select = connection.prepareStatement("SELECT final_entity FROM final_entities WHERE entity_ref = ?")) {
      select.setString(1, ref);
      try (ResultSet rows = select.executeQuery()) {
        rows.next();
        return Json.MAPPER.readTree(rows.getString(1)).at("/spec/owner").asText();
      }
    }
  }

  private static ObjectNode component(String name, String owner) {
    ObjectNode entity = Json.object().put("apiVersion", "backstage.io/v1alpha1").put("kind", "Component");
    entity.putObject("metadata").put("name", name).put("namespace", "default");
    entity.putObject("spec").put("type", "service").put("lifecycle", "production").put("owner", owner);
    return entity;
  }
}
