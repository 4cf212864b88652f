package dev.backlot.permission.decide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.backlot.permission.TestPermissionPlugin;
import dev.backlot.permission.rbac.Caller;
import dev.backlot.permission.rbac.Decision;
import dev.backlot.permission.rbac.Effect;
import dev.backlot.permission.rbac.PermissionQuery;
import dev.backlot.permission.rbac.RolePolicy;
import dev.backlot.permission.storage.ConditionalPolicies;
import dev.backlot.permission.storage.RbacStore;
import dev.backlot.platform.db.Database;
import dev.backlot.testing.DatabaseTest;
import dev.backlot.testing.TestDatabase;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/** Each instance's rules follow changes made through another instance at the next decision, on SQLite and PostgreSQL. */
class CurrentRulesTest {
  private static final Caller JDOE = new Caller("user:default/jdoe", Set.of(), List.of());
  private static final PermissionQuery READ = PermissionQuery.resource("catalog.entity.read", "catalog-entity", "read");

  @DatabaseTest
  void aChangeThroughAnotherInstanceDecidesTheNextRequest(TestDatabase db) throws Exception {
    try (Database one = TestPermissionPlugin.empty(Database.connect(db.jdbcUrl())); Database other = Database.connect(db.jdbcUrl())) {
      CurrentRules rules = new CurrentRules(new RbacStore(one, Clock.systemUTC()), new ConditionalPolicies(one), List.of(), List.of());
      RbacStore elsewhere = new RbacStore(other, Clock.systemUTC());
      assertEquals(Decision.DENY, rules.rules().decide(JDOE, READ));
      assertSame(rules.rules(), rules.rules(), "nothing changed: the same rules, not reloaded");

      elsewhere.createRole("role:default/viewer", List.of("user:default/jdoe"), null, "user:default/root");
      elsewhere.addPolicies(List.of(new RolePolicy("role:default/viewer", "catalog-entity", "read", Effect.ALLOW)));

      assertEquals(Decision.ALLOW, rules.rules().decide(JDOE, READ));
      elsewhere.deleteRole("role:default/viewer");
      assertEquals(Decision.DENY, rules.rules().decide(JDOE, READ));
    }
  }
}
