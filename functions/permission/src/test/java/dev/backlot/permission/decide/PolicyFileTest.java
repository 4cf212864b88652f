package dev.backlot.permission.decide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlot.permission.TestPermissionPlugin;
import dev.backlot.permission.rbac.Effect;
import dev.backlot.permission.rbac.RolePolicy;
import dev.backlot.permission.storage.RbacStore;
import dev.backlot.permission.storage.StoredPolicy;
import dev.backlot.platform.db.Database;
import dev.backlot.testing.MovableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The policy file: loaded at start, read again when its modification time changes, looked at most every few seconds. */
class PolicyFileTest {
  private final MovableClock clock = new MovableClock(Instant.parse("2026-12-07T12:00:00Z"));

  private static List<String> permissions(RbacStore store) throws Exception {
    return store.policies().stream().map(StoredPolicy::policy).map(RolePolicy::permission).toList();
  }

  @Test
  void aChangedFileIsReadAgainOnARequestAfterTheCheckInterval(@TempDir Path dir) throws Exception {
    Path csv = Files.writeString(dir.resolve("rbac.csv"), "p, role:default/a, catalog-entity, read, allow\n");
    try (Database database = TestPermissionPlugin.migrated(Database.connect("jdbc:sqlite:" + dir.resolve("p.sqlite")))) {
      RbacStore store = new RbacStore(database, clock);
      PolicyFile file = new PolicyFile(Optional.of(csv), store, clock);
      assertTrue(file.refresh());
      assertEquals(List.of("catalog-entity"), permissions(store));

      Files.writeString(csv, "p, role:default/a, catalog.entity.read, read, deny\n");
      Files.setLastModifiedTime(csv, FileTime.from(Instant.parse("2030-01-01T00:00:00Z")));
      assertFalse(file.refresh(), "looked at less than " + PolicyFile.CHECK_EVERY + " ago");
      assertEquals(List.of("catalog-entity"), permissions(store));

      clock.advance(PolicyFile.CHECK_EVERY);
      assertTrue(file.refresh());
      assertEquals(List.of(new StoredPolicy(new RolePolicy("role:default/a", "catalog.entity.read", "read", Effect.DENY), "csv-file")),
          store.policies());
      clock.advance(PolicyFile.CHECK_EVERY);
      assertFalse(file.refresh(), "same modification time");
    }
  }

  @Test
  void aFileAnotherInstanceLoadedIsNotWrittenAgain(@TempDir Path dir) throws Exception {
    Path csv = Files.writeString(dir.resolve("rbac.csv"), "p, role:default/a, catalog-entity, read, allow\n");
    try (Database database = TestPermissionPlugin.migrated(Database.connect("jdbc:sqlite:" + dir.resolve("p.sqlite")))) {
      RbacStore store = new RbacStore(database, clock);
      assertTrue(new PolicyFile(Optional.of(csv), store, clock).refresh());
      long generation = store.generation();

      assertFalse(new PolicyFile(Optional.of(csv), store, clock).refresh(), "a second instance starting");
      assertEquals(generation, store.generation());
    }
  }

  @Test
  void aFileThatCannotBeReadKeepsTheLinesLoadedLast(@TempDir Path dir) throws Exception {
    Path csv = Files.writeString(dir.resolve("rbac.csv"), "p, role:default/a, catalog-entity, read, allow\n");
    try (Database database = TestPermissionPlugin.migrated(Database.connect("jdbc:sqlite:" + dir.resolve("p.sqlite")))) {
      RbacStore store = new RbacStore(database, clock);
      PolicyFile file = new PolicyFile(Optional.of(csv), store, clock);
      file.refresh();
      Files.delete(csv);
      clock.advance(Duration.ofMinutes(1));

      assertFalse(file.refresh());
      assertEquals(List.of("catalog-entity"), permissions(store));
    }
  }

  @Test
  void withoutAFileNothingIsLoaded(@TempDir Path dir) throws Exception {
    try (Database database = TestPermissionPlugin.migrated(Database.connect("jdbc:sqlite:" + dir.resolve("p.sqlite")))) {
      RbacStore store = new RbacStore(database, clock);
      assertFalse(new PolicyFile(Optional.empty(), store, clock).refresh());
      assertEquals(List.of(), store.policies());
    }
  }
}
