package dev.backlot.permission.rbac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** RHDH's policy file: its documented examples load, and each bad line is skipped with a warning naming it. */
class PolicyCsvTest {
  /** The example of RHDH's docs/permissions.md ("rbac-policy.csv"), as written there. */
  private static final String RHDH_EXAMPLE = """
      g, user:default/<login-id/user-name>, role:default/team_a
      """;

  private static final String RHDH_POLICIES = """
      # Role team_a may read the catalog and create locations; guests read components only.
      p, role:default/team_a, catalog-entity, read, allow
      p, role:default/team_a, catalog.entity.create, create, allow
      p, role:default/team_a, catalog.location.create, create, allow
      p, role:default/team_a, catalog.location.read, read, allow
      p, role:default/team_a, kubernetes.proxy, use, allow
      p, role:default/team_a, policy-entity, read, allow

      g, user:default/tim, role:default/team_a
      g, group:default/team-b, role:default/team_a
      """;

  @Test
  void rhdhsExamplePoliciesLoad() {
    PolicyCsv.Parsed parsed = PolicyCsv.parse(RHDH_POLICIES, "rbac-policy.csv");

    assertEquals(List.of(), parsed.warnings());
    assertEquals(6, parsed.policies().size());
    assertEquals(new RolePolicy("role:default/team_a", "catalog-entity", "read", Effect.ALLOW), parsed.policies().get(0));
    assertEquals(List.of(new RoleMember("user:default/tim", "role:default/team_a"), new RoleMember("group:default/team-b", "role:default/team_a")),
        parsed.members());
  }

  @Test
  void theDocsPlaceholderLineIsSkippedWithAWarningNamingIt() {
    PolicyCsv.Parsed parsed = PolicyCsv.parse(RHDH_EXAMPLE, "rbac-policy.csv");

    assertEquals(List.of(), parsed.members());
    assertEquals(1, parsed.warnings().size());
    assertTrue(parsed.warnings().get(0).startsWith("Skipping line 1 of rbac-policy.csv: "), parsed.warnings().get(0));
  }

  @Test
  void eachBadLineIsSkippedWithAWarningNamingItsNumberAndTheRestLoads() {
    String csv = String.join("\n",
        "p, role:default/a, catalog-entity, read, allow",
        "p, role:default/a, catalog-entity, read",
        "p, role:default/a, catalog-entity, write, allow",
        "p, role:default/a, catalog-entity, read, maybe",
        "p, component:default/a, catalog-entity, read, allow",
        "g, role:default/a, role:default/b",
        "g, user:default/tim, group:default/team",
        "g, group:default/a, group:default/b",
        "x, role:default/a",
        "p, \"role:default/a, catalog-entity, read, allow",
        "p, role:default/a, \"catalog.entity.read\", read, allow",
        "g, user:default/tim, role:default/a");

    PolicyCsv.Parsed parsed = PolicyCsv.parse(csv, "policies.csv");

    assertEquals(List.of(new RolePolicy("role:default/a", "catalog-entity", "read", Effect.ALLOW),
        new RolePolicy("role:default/a", "catalog.entity.read", "read", Effect.ALLOW)), parsed.policies());
    assertEquals(List.of(new RoleMember("user:default/tim", "role:default/a")), parsed.members());
    List<String> warnings = parsed.warnings();
    assertEquals(9, warnings.size(), String.join("\n", warnings));
    for (int line = 2; line <= 10; line++) {
      assertTrue(warnings.get(line - 2).startsWith("Skipping line " + line + " of policies.csv: "), warnings.get(line - 2));
    }
    assertTrue(warnings.get(0).contains("5 fields"), warnings.get(0));
    assertTrue(warnings.get(1).contains("'policy' has invalid value: 'write'"), warnings.get(1));
    assertTrue(warnings.get(2).contains("'effect' has invalid value: 'maybe'"), warnings.get(2));
    assertTrue(warnings.get(3).contains("Unsupported kind component"), warnings.get(3));
    assertTrue(warnings.get(4).contains("doesn't support role inheritance"), warnings.get(4));
    assertTrue(warnings.get(5).contains("User membership information could be provided only with help of Catalog API"), warnings.get(5));
    assertTrue(warnings.get(6).contains("Group inheritance information"), warnings.get(6));
    assertTrue(warnings.get(7).contains("starts with p (a policy) or g (a role member)"), warnings.get(7));
    assertTrue(warnings.get(8).contains("not closed"), warnings.get(8));
  }

  @Test
  void linesThatContradictEachOtherAreBothSkippedAndARepeatCountsOnce() {
    PolicyCsv.Parsed parsed = PolicyCsv.parse("""
        p, role:default/a, catalog-entity, read, allow
        p, role:default/a, catalog-entity, read, deny
        p, role:default/a, catalog-entity, delete, deny
        p, role:default/a, catalog-entity, delete, deny
        """, "policies.csv");

    assertEquals(List.of(new RolePolicy("role:default/a", "catalog-entity", "delete", Effect.DENY)), parsed.policies());
    assertEquals(2, parsed.warnings().size(), parsed.warnings().toString());
    assertTrue(parsed.warnings().get(0).startsWith("Skipping line 1 of policies.csv: Duplicate policy"), parsed.warnings().get(0));
    assertTrue(parsed.warnings().get(1).startsWith("Skipping line 2 of policies.csv: Duplicate policy"), parsed.warnings().get(1));
  }

  @Test
  void roleLinesAreLowerCasedAsRhdhDoes() {
    PolicyCsv.Parsed parsed = PolicyCsv.parse("g, user:default/Tim, role:default/Team_A\n", "policies.csv");

    assertEquals(List.of(new RoleMember("user:default/tim", "role:default/team_a")), parsed.members());
  }

  @Test
  void quotedFieldsMayHoldCommasAndQuotes() {
    assertEquals(List.of("p", "a, b", "c \"d\"", "e"), PolicyCsv.fields("p, \"a, b\" , \"c \"\"d\"\"\",e"));
  }
}
