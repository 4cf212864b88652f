package dev.backlot.permission.membership;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backlot.catalog.client.CatalogClient;
import dev.backlot.permission.CatalogStandIn;
import dev.backlot.permission.rbac.Caller;
import dev.backlot.permission.rbac.Decision;
import dev.backlot.permission.rbac.PermissionQuery;
import dev.backlot.permission.rbac.PolicyCsv;
import dev.backlot.permission.rbac.RbacRules;
import dev.backlot.platform.auth.ServiceTokens;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.discovery.Discovery;
import dev.backlot.testing.TestTokens;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The examples of RHDH's docs/group-hierarchy.md (rbac-backend), their catalog served over HTTP
 * with the relations Backstage's catalog derives from them, decided as the page says.
 */
class RhdhGroupHierarchyExamplesTest {
  private static final PermissionQuery READ = PermissionQuery.resource("catalog.entity.read", "catalog-entity", "read");
  private static final PermissionQuery DELETE = PermissionQuery.resource("catalog.entity.delete", "catalog-entity", "delete");

  private final CatalogStandIn catalog;
  private final CatalogMembership membership;

  RhdhGroupHierarchyExamplesTest() throws Exception {
    catalog = new CatalogStandIn();
    Config config = Config.of(TestTokens.withAuth(Map.of("backend", Map.of("baseUrl", catalog.baseUrl()))));
    membership = new CatalogMembership(CatalogClient.create(Discovery.fromConfig(config), ServiceTokens.fromConfig(config, "permission")),
        Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    catalog.close();
  }

  private Decision decide(String csv, PermissionQuery query) throws Exception {
    PolicyCsv.Parsed parsed = PolicyCsv.parse(csv, "rbac-policy.csv");
    assertEquals(List.of(), parsed.warnings());
    RbacRules rules = new RbacRules(parsed.policies(), parsed.members(), List.of(), List.of());
    return rules.decide(new Caller("user:default/sam", membership.groupsOf("user:default/sam"), List.of("user:default/sam")), query);
  }

  @Test
  void samInheritsTheRoleOfTeamGroupThroughSubteamGroup() throws Exception {
    catalog.user("user:default/sam", "group:default/subteam-group").group("group:default/subteam-group", "group:default/team-group")
        .group("group:default/team-group");

    assertEquals(Decision.ALLOW, decide("g, group:default/team-group, role:default/test\np, role:default/test, catalog-entity, read, allow\n", READ));
  }

  @Test
  void samHasTheRoleOfTheGroupListingHimAsMember() throws Exception {
    // The group's members: [sam] gives sam a memberOf relation in the catalog.
    catalog.user("user:default/sam", "group:default/team-group").group("group:default/team-group");

    assertEquals(Decision.ALLOW, decide("g, group:default/team-group, role:default/test\np, role:default/test, catalog-entity, read, allow\n", READ));
  }

  @Test
  void samInheritsRoleAFromGroupAAndRoleCFromGroupC() throws Exception {
    catalog.user("user:default/sam", "group:default/group-b", "group:default/group-c").group("group:default/group-a")
        .group("group:default/group-b", "group:default/group-a").group("group:default/group-c");
    String csv = """
        g, group:default/group-a, role:default/role-a
        g, group:default/group-c, role:default/role-c
        p, role:default/role-a, catalog-entity, read, allow
        p, role:default/role-c, catalog-entity, delete, allow
        """;

    assertEquals(Decision.ALLOW, decide(csv, READ));
    assertEquals(Decision.ALLOW, decide(csv, DELETE));
    assertEquals(Decision.DENY, decide(csv, PermissionQuery.resource("catalog.entity.refresh", "catalog-entity", null)));
  }

  @Test
  void aGroupMissingFromTheCatalogStillCountsWhenTheUserIsItsMember() throws Exception {
    catalog.user("user:default/sam", "group:default/team-group");

    assertEquals(Decision.ALLOW, decide("g, group:default/team-group, role:default/test\np, role:default/test, catalog-entity, read, allow\n", READ));
  }
}
