package dev.backlot.permission.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backlot.permission.TestPermissionPlugin;
import dev.backlot.permission.rbac.ConditionalPolicy;
import dev.backlot.permission.rbac.Effect;
import dev.backlot.permission.rbac.RoleMember;
import dev.backlot.permission.rbac.RolePolicy;
import dev.backlot.platform.db.Database;
import dev.backlot.testing.DatabaseTest;
import dev.backlot.testing.TestDatabase;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Roles, policies and conditional policies on SQLite and PostgreSQL, with their sources kept apart. */
class RbacStoreTest {
  private static final RolePolicy READ = new RolePolicy("role:default/viewer", "catalog-entity", "read", Effect.ALLOW);
  private static final RolePolicy DELETE = new RolePolicy("role:default/admins", "catalog-entity", "delete", Effect.ALLOW);

  @DatabaseTest
  void aNewFileReplacesThePreviousFilesLinesAndRestOnesStay(TestDatabase db) throws Exception {
    try (Database database = TestPermissionPlugin.empty(Database.connect(db.jdbcUrl()))) {
      RbacStore store = new RbacStore(database, Clock.systemUTC());
      store.createRole("role:default/admins", List.of("user:default/root"), "by REST", "user:default/root");
      store.addPolicies(List.of(DELETE));
      store.replaceFileLines(List.of(READ), List.of(new RoleMember("group:default/team-a", "role:default/viewer")), "digest-1", "a.csv");

      RolePolicy write = new RolePolicy("role:default/writer", "catalog-entity", "update", Effect.ALLOW);
      store.replaceFileLines(List.of(write), List.of(new RoleMember("user:default/tim", "role:default/writer")), "digest-2", "a.csv");

      assertEquals(List.of(new StoredPolicy(DELETE, Sources.REST), new StoredPolicy(write, Sources.CSV_FILE)), store.policies());
      assertEquals(List.of("role:default/admins", "role:default/writer"), store.roles().stream().map(StoredRole::ref).toList());
      assertEquals(List.of("user:default/tim"), store.role("role:default/writer").orElseThrow().members());
      assertEquals(Sources.CSV_FILE, store.role("role:default/writer").orElseThrow().source());
      assertEquals(Optional.of("digest-2"), store.csvDigest());
    }
  }

  @DatabaseTest
  void aFileLineNamingARestRoleIsSkippedWithAWarning(TestDatabase db) throws Exception {
    try (Database database = TestPermissionPlugin.empty(Database.connect(db.jdbcUrl()))) {
      RbacStore store = new RbacStore(database, Clock.systemUTC());
      store.createRole("role:default/admins", List.of("user:default/root"), null, "user:default/root");

      List<String> warnings = store.replaceFileLines(List.of(DELETE), List.of(new RoleMember("user:default/mallory", "role:default/admins")),
          "d", "a.csv");

      assertEquals(2, warnings.size(), warnings.toString());
      assertTrue(warnings.get(0).contains("g, user:default/mallory, role:default/admins"), warnings.get(0));
      assertEquals(List.of("user:default/root"), store.role("role:default/admins").orElseThrow().members(), "the file cannot join a REST role");
      assertEquals(List.of(), store.policies());
    }
  }

  @DatabaseTest
  void restChangesToAFileRoleAreRefusedNamingTheSource(TestDatabase db) throws Exception {
    try (Database database = TestPermissionPlugin.empty(Database.connect(db.jdbcUrl()))) {
      RbacStore store = new RbacStore(database, Clock.systemUTC());
      store.replaceFileLines(List.of(READ), List.of(new RoleMember("group:default/team-a", "role:default/viewer")), "d", "a.csv");

      Refused delete = assertThrows(Refused.class, () -> store.deleteRole("role:default/viewer"));
      Refused policy = assertThrows(Refused.class, () -> store.addPolicies(List.of(
          new RolePolicy("role:default/viewer", "catalog-entity", "delete", Effect.ALLOW))));
      Refused remove = assertThrows(Refused.class, () -> store.removePolicies(List.of(READ)));

      assertEquals(Refused.Reason.OTHER_SOURCE, delete.reason());
      assertTrue(delete.getMessage().contains("'CSV-FILE'"), delete.getMessage());
      assertEquals(Refused.Reason.OTHER_SOURCE, policy.reason());
      assertEquals(Refused.Reason.OTHER_SOURCE, remove.reason());
      assertEquals(1, store.policies().size());
    }
  }

  @DatabaseTest
  void everyChangeBumpsTheGenerationAndARefusedOneRollsBack(TestDatabase db) throws Exception {
    try (Database database = TestPermissionPlugin.empty(Database.connect(db.jdbcUrl()))) {
      RbacStore store = new RbacStore(database, Clock.systemUTC());
      long start = store.generation();
      store.createRole("role:default/viewer", List.of("user:default/a"), null, "user:default/root");
      store.addPolicies(List.of(READ));
      assertEquals(start + 2, store.generation());

      RolePolicy second = new RolePolicy("role:default/viewer", "catalog-entity", "update", Effect.ALLOW);
      Refused refused = assertThrows(Refused.class, () -> store.addPolicies(List.of(second, READ)));

      assertEquals(Refused.Reason.CONFLICT, refused.reason());
      assertEquals(start + 2, store.generation());
      assertEquals(List.of(new StoredPolicy(READ, Sources.REST)), store.policies(), "the first policy of the refused batch rolled back");
    }
  }

  @DatabaseTest
  void renamingARoleMovesItsPoliciesAndConditions(TestDatabase db) throws Exception {
    try (Database database = TestPermissionPlugin.empty(Database.connect(db.jdbcUrl()))) {
      RbacStore store = new RbacStore(database, Clock.systemUTC());
      ConditionalPolicies conditions = new ConditionalPolicies(database);
      store.createRole("role:default/viewer", List.of("user:default/a"), "readers", "user:default/root");
      store.addPolicies(List.of(READ));
      long id = conditions.create(new ConditionalPolicy(0, "role:default/viewer", "catalog", "catalog-entity", List.of("read"),
          new ObjectMapper().readTree("{\"rule\":\"IS_ENTITY_KIND\",\"resourceType\":\"catalog-entity\",\"params\":{\"kinds\":[\"api\"]}}")));

      store.updateRole("role:default/viewer", "role:default/readers", List.of("user:default/b", "group:default/team"), null, "user:default/root");

      StoredRole renamed = store.role("role:default/readers").orElseThrow();
      assertEquals(List.of("group:default/team", "user:default/b"), renamed.members());
      assertEquals("readers", renamed.description());
      assertEquals(Optional.empty(), store.role("role:default/viewer"));
      assertEquals("role:default/readers", store.policies().get(0).policy().subject());
      assertEquals("role:default/readers", conditions.byId(id).orElseThrow().roleEntityRef());

      store.deleteRole("role:default/readers");
      assertEquals(List.of(), store.policies());
      assertEquals(List.of(), conditions.all());
    }
  }

  @DatabaseTest
  void aSecondConditionOfARoleForTheSameActionIsRefused(TestDatabase db) throws Exception {
    try (Database database = TestPermissionPlugin.empty(Database.connect(db.jdbcUrl()))) {
      RbacStore store = new RbacStore(database, Clock.systemUTC());
      ConditionalPolicies conditions = new ConditionalPolicies(database);
      store.createRole("role:default/viewer", List.of("user:default/a"), null, "user:default/root");
      var tree = new ObjectMapper().readTree("{\"rule\":\"IS_ENTITY_KIND\",\"resourceType\":\"catalog-entity\",\"params\":{\"kinds\":[\"api\"]}}");
      long first = conditions.create(new ConditionalPolicy(0, "role:default/viewer", "catalog", "catalog-entity", List.of("read", "update"), tree));
      long second = conditions.create(new ConditionalPolicy(0, "role:default/viewer", "catalog", "catalog-entity", List.of("delete"), tree));

      Refused overlap = assertThrows(Refused.class, () -> conditions.create(
          new ConditionalPolicy(0, "role:default/viewer", "catalog", "catalog-entity", List.of("update"), tree)));
      Refused noRole = assertThrows(Refused.class, () -> conditions.create(
          new ConditionalPolicy(0, "role:default/none", "catalog", "catalog-entity", List.of("read"), tree)));

      assertTrue(second > first);
      assertEquals(Refused.Reason.CONFLICT, overlap.reason());
      assertTrue(overlap.getMessage().contains("action update"), overlap.getMessage());
      assertEquals(Refused.Reason.NOT_FOUND, noRole.reason());
      conditions.update(second, new ConditionalPolicy(second, "role:default/viewer", "catalog", "catalog-entity", List.of("delete", "create"), tree));
      assertEquals(List.of("delete", "create"), conditions.byId(second).orElseThrow().permissionMapping());
      conditions.delete(first);
      assertEquals(List.of(second), conditions.all().stream().map(ConditionalPolicy::id).toList());
      assertEquals(Refused.Reason.NOT_FOUND, assertThrows(Refused.class, () -> conditions.delete(first)).reason());
    }
  }
}
