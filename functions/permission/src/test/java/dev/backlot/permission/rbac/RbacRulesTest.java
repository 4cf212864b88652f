package dev.backlot.permission.rbac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The decision rules of RHDH's rbac-backend, one case each, on policies as RHDH's file writes them. */
class RbacRulesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Caller JDOE = new Caller("user:default/jdoe", Set.of("group:default/team-a", "group:default/engineering"),
      List.of("user:default/jdoe", "group:default/team-a"));
  private static final PermissionQuery ENTITY_READ = PermissionQuery.resource("catalog.entity.read", "catalog-entity", "read");
  private static final PermissionQuery ENTITY_DELETE = PermissionQuery.resource("catalog.entity.delete", "catalog-entity", "delete");
  private static final PermissionQuery LOCATION_CREATE = PermissionQuery.basic("catalog.location.create", "create");

  private static RbacRules rules(String csv, ConditionalPolicy... conditions) {
    PolicyCsv.Parsed parsed = PolicyCsv.parse(csv, "rbac-policy.csv");
    assertEquals(List.of(), parsed.warnings(), "the test's policies load");
    return new RbacRules(parsed.policies(), parsed.members(), List.of(conditions), List.of());
  }

  private static ConditionalPolicy ownerCondition(long id, String role, String... actions) throws Exception {
    return new ConditionalPolicy(id, role, "catalog", "catalog-entity", List.of(actions), JSON.readTree(
        "{\"rule\":\"IS_ENTITY_OWNER\",\"resourceType\":\"catalog-entity\",\"params\":{\"claims\":[\"$ownerRefs\"]}}"));
  }

  @Test
  void nothingMatchingIsDeny() {
    RbacRules rules = rules("g, user:default/someone-else, role:default/viewer\np, role:default/viewer, catalog-entity, read, allow\n");

    assertEquals(Decision.DENY, rules.decide(JDOE, ENTITY_READ));
    assertEquals(Decision.DENY, rules.decide(JDOE, LOCATION_CREATE));
  }

  @Test
  void aRoleGivenToTheUserAllowsWhatItsLinesAllow() {
    RbacRules rules = rules("g, user:default/jdoe, role:default/viewer\np, role:default/viewer, catalog-entity, read, allow\n");

    assertEquals(Decision.ALLOW, rules.decide(JDOE, ENTITY_READ));
    assertEquals(Decision.DENY, rules.decide(JDOE, ENTITY_DELETE), "read is no delete");
  }

  @Test
  void aRoleGivenToAGroupOrAnAncestorGroupAppliesToItsMembers() {
    RbacRules direct = rules("g, group:default/team-a, role:default/viewer\np, role:default/viewer, catalog-entity, read, allow\n");
    RbacRules ancestor = rules("g, group:default/engineering, role:default/viewer\np, role:default/viewer, catalog-entity, read, allow\n");

    assertEquals(Decision.ALLOW, direct.decide(JDOE, ENTITY_READ));
    assertEquals(Decision.ALLOW, ancestor.decide(JDOE, ENTITY_READ), "the caller's groups include their ancestors");
    assertEquals(Decision.DENY, ancestor.decide(new Caller("user:default/other", Set.of("group:default/sales"), List.of()), ENTITY_READ));
  }

  @Test
  void aBasicPermissionWithoutActionIsGrantedByTheUseAction() {
    RbacRules rules = rules("g, user:default/jdoe, role:default/dev\np, role:default/dev, kubernetes.proxy, use, allow\n");

    assertEquals(Decision.ALLOW, rules.decide(JDOE, PermissionQuery.basic("kubernetes.proxy", null)));
    assertEquals(Decision.DENY, rules.decide(JDOE, PermissionQuery.basic("kubernetes.proxy", "read")), "use is not read");
  }

  @Test
  void aBasicPermissionIsDecidedByItsNameOnly() {
    RbacRules rules = rules("g, user:default/jdoe, role:default/dev\np, role:default/dev, catalog-location, create, allow\n");

    assertEquals(Decision.DENY, rules.decide(JDOE, LOCATION_CREATE), "a basic permission has no resource type to match");
  }

  @Test
  void linesOnThePermissionNameBeatLinesOnItsResourceType() {
    RbacRules nameDenies = rules("""
        g, user:default/jdoe, role:default/dev
        p, role:default/dev, catalog-entity, read, allow
        p, role:default/dev, catalog.entity.read, read, deny
        """);
    RbacRules nameAllows = rules("""
        g, user:default/jdoe, role:default/dev
        p, role:default/dev, catalog-entity, read, deny
        p, role:default/dev, catalog.entity.read, read, allow
        """);

    assertEquals(Decision.DENY, nameDenies.decide(JDOE, ENTITY_READ));
    assertEquals(Decision.ALLOW, nameAllows.decide(JDOE, ENTITY_READ), "the resource type's deny is not looked at");
  }

  @Test
  void aNameLineOfAnyRoleMakesNameLinesDecideForEveryRole() {
    // RHDH's hasImplicitPermission looks for a name line in any role; then only name lines count.
    RbacRules rules = rules("""
        g, user:default/jdoe, role:default/a
        g, group:default/team-a, role:default/b
        p, role:default/a, catalog.entity.read, read, allow
        p, role:default/b, catalog-entity, read, deny
        """);

    assertEquals(Decision.ALLOW, rules.decide(JDOE, ENTITY_READ));
  }

  @Test
  void denyBeatsAllowAcrossRoles() {
    RbacRules rules = rules("""
        g, user:default/jdoe, role:default/readers
        g, group:default/engineering, role:default/no-readers
        p, role:default/readers, catalog-entity, read, allow
        p, role:default/no-readers, catalog-entity, read, deny
        """);

    assertEquals(Decision.DENY, rules.decide(JDOE, ENTITY_READ));
  }

  @Test
  void aConditionWinsOverAnUnconditionalAllowAndDeny() throws Exception {
    RbacRules rules = rules("""
        g, user:default/jdoe, role:default/owners
        g, user:default/jdoe, role:default/blocked
        p, role:default/owners, catalog-entity, read, allow
        p, role:default/blocked, catalog.entity.read, read, deny
        """, ownerCondition(1, "role:default/owners", "read"));

    Decision decision = rules.decide(JDOE, ENTITY_READ);

    Decision.Conditional conditional = assertInstanceOf(Decision.Conditional.class, decision);
    assertEquals("catalog", conditional.pluginId());
    assertEquals("catalog-entity", conditional.resourceType());
    assertEquals(JSON.readTree("{\"anyOf\":[{\"rule\":\"IS_ENTITY_OWNER\",\"resourceType\":\"catalog-entity\","
        + "\"params\":{\"claims\":[\"user:default/jdoe\",\"group:default/team-a\"]}}]}"), conditional.conditions());
    assertEquals(Decision.DENY, rules.decide(JDOE, ENTITY_DELETE), "the condition maps read only");
  }

  @Test
  void conditionsOfSeveralRolesAreJoinedWithAnyOf() throws Exception {
    ConditionalPolicy kind = new ConditionalPolicy(2, "role:default/api-readers", "catalog", "catalog-entity", List.of("read"),
        JSON.readTree("{\"rule\":\"IS_ENTITY_KIND\",\"resourceType\":\"catalog-entity\",\"params\":{\"kinds\":[\"api\"]}}"));
    RbacRules rules = rules("""
        g, user:default/jdoe, role:default/owners
        g, group:default/team-a, role:default/api-readers
        """, ownerCondition(1, "role:default/owners", "read"), kind);

    JsonNode conditions = assertInstanceOf(Decision.Conditional.class, rules.decide(JDOE, ENTITY_READ)).conditions();

    assertEquals(2, conditions.get("anyOf").size(), conditions.toString());
    assertEquals(Set.of("IS_ENTITY_OWNER", "IS_ENTITY_KIND"),
        Set.of(conditions.get("anyOf").get(0).get("rule").asText(), conditions.get("anyOf").get(1).get("rule").asText()));
  }

  @Test
  void aConditionAppliesToResourcePermissionsOnly() throws Exception {
    RbacRules rules = rules("g, user:default/jdoe, role:default/owners\n", ownerCondition(1, "role:default/owners", "create"));

    assertEquals(Decision.DENY, rules.decide(JDOE, PermissionQuery.basic("catalog.entity.create", "create")));
  }

  @Test
  void twoConditionsOfOneRoleForOnePermissionAreACollisionAndDeny() throws Exception {
    RbacRules rules = rules("g, user:default/jdoe, role:default/owners\np, role:default/owners, catalog-entity, read, allow\n",
        ownerCondition(1, "role:default/owners", "read"), ownerCondition(2, "role:default/owners", "read", "update"));

    assertEquals(Decision.DENY, rules.decide(JDOE, ENTITY_READ));
  }

  @Test
  void superUsersAreAllowedEverythingByUserRefOrOwnershipRef() throws Exception {
    RbacRules byUser = new RbacRules(List.of(), List.of(), List.of(ownerCondition(1, "role:default/x", "read")),
        List.of("user:default/jdoe"));
    RbacRules byGroup = RbacRules.empty(List.of("group:default/team-a"));

    assertEquals(Decision.ALLOW, byUser.decide(JDOE, ENTITY_READ));
    assertEquals(Decision.ALLOW, byUser.decide(JDOE, LOCATION_CREATE));
    assertEquals(Decision.ALLOW, byGroup.decide(JDOE, ENTITY_DELETE));
    assertEquals(Decision.DENY, byGroup.decide(new Caller("user:default/x", Set.of(), List.of("user:default/x")), ENTITY_DELETE));
  }

  @Test
  void withoutAnyRoleLinesNamingTheUserOrItsGroupsApply() {
    RbacRules rules = rules("p, group:default/engineering, catalog-entity, read, allow\n");

    assertEquals(Decision.ALLOW, rules.decide(JDOE, ENTITY_READ));
  }

  @Test
  void withARoleLinesNamingTheUserDirectlyAreNotLookedAt() {
    // RHDH's EnforcerDelegate.enforce filters lines by the user's roles when it has any.
    RbacRules rules = rules("""
        g, user:default/jdoe, role:default/viewer
        p, role:default/viewer, catalog.location.read, read, allow
        p, user:default/jdoe, catalog-entity, read, allow
        """);

    assertEquals(Decision.DENY, rules.decide(JDOE, ENTITY_READ));
  }

  @Test
  void refsCompareCaseInsensitively() {
    RbacRules rules = rules("g, user:default/JDoe, role:default/Viewer\np, role:default/viewer, catalog-entity, read, allow\n");

    assertEquals(Decision.ALLOW, rules.decide(new Caller("user:default/jdoe", Set.of(), List.of()), ENTITY_READ));
  }

  @Test
  void aStoredConditionIsNotChangedByResolvingItsAliases() throws Exception {
    ConditionalPolicy owner = ownerCondition(1, "role:default/owners", "read");
    RbacRules rules = rules("g, user:default/jdoe, role:default/owners\n", owner);

    rules.decide(JDOE, ENTITY_READ);

    assertEquals("$ownerRefs", owner.conditions().get("params").get("claims").get(0).asText());
    JsonNode other = assertInstanceOf(Decision.Conditional.class, rules.decide(
        new Caller("user:default/jdoe", Set.of(), List.of("user:default/jdoe")), ENTITY_READ)).conditions();
    assertEquals(1, other.get("anyOf").get(0).get("params").get("claims").size());
  }

  @Test
  void currentUserAliasBecomesTheUserRef() throws Exception {
    ConditionalPolicy mine = new ConditionalPolicy(1, "role:default/r", "scaffolder", "scaffolder-task", List.of("read"),
        JSON.readTree("{\"not\":{\"rule\":\"IS_TASK_OWNER\",\"resourceType\":\"scaffolder-task\",\"params\":{\"createdBy\":\"$currentUser\"}}}"));
    RbacRules rules = new RbacRules(List.of(), List.of(new RoleMember("user:default/jdoe", "role:default/r")), List.of(mine), List.of());

    JsonNode conditions = assertInstanceOf(Decision.Conditional.class,
        rules.decide(JDOE, PermissionQuery.resource("scaffolder.task.read", "scaffolder-task", "read"))).conditions();

    assertEquals("user:default/jdoe", conditions.at("/anyOf/0/not/params/createdBy").asText());
  }

  /** A random mix of lines decided by the rules above, restated plainly, for many callers and permissions. */
  @Test
  void randomPoliciesDecideAsTheRulesRestatedPlainly() {
    java.util.Random random = new java.util.Random(17);
    List<String> roles = List.of("role:default/a", "role:default/b", "role:default/c");
    List<String> members = List.of("user:default/jdoe", "group:default/team-a", "group:default/engineering", "user:default/x");
    List<String> objects = List.of("catalog.entity.read", "catalog-entity", "catalog.entity.delete");
    List<String> actions = List.of("read", "delete");
    for (int round = 0; round < 300; round++) {
      List<RolePolicy> policies = new ArrayList<>();
      List<RoleMember> grants = new ArrayList<>();
      for (int i = random.nextInt(8); i > 0; i--) {
        policies.add(new RolePolicy(roles.get(random.nextInt(3)), objects.get(random.nextInt(3)), actions.get(random.nextInt(2)),
            random.nextBoolean() ? Effect.ALLOW : Effect.DENY));
      }
      for (int i = random.nextInt(4); i > 0; i--) {
        grants.add(new RoleMember(members.get(random.nextInt(4)), roles.get(random.nextInt(3))));
      }
      RbacRules rules = new RbacRules(policies, grants, List.of(), List.of());
      for (PermissionQuery query : List.of(ENTITY_READ, ENTITY_DELETE)) {
        assertEquals(plainly(policies, grants, query), rules.decide(JDOE, query), () -> policies + " " + grants + " " + query);
      }
    }
  }

  private static Decision plainly(List<RolePolicy> policies, List<RoleMember> grants, PermissionQuery query) {
    Set<String> mine = new java.util.HashSet<>();
    grants.stream().filter(g -> g.member().equals(JDOE.userRef()) || JDOE.groups().contains(g.member())).forEach(g -> mine.add(g.role()));
    List<RolePolicy> ofMine = policies.stream().filter(p -> mine.contains(p.subject()) && p.action().equals(query.action())).toList();
    boolean named = ofMine.stream().anyMatch(p -> p.permission().equals(query.name()));
    String object = named ? query.name() : query.resourceType();
    List<RolePolicy> deciding = ofMine.stream().filter(p -> p.permission().equals(object)).toList();
    boolean allow = deciding.stream().anyMatch(p -> p.effect() == Effect.ALLOW) && deciding.stream().noneMatch(p -> p.effect() == Effect.DENY);
    assertTrue(deciding.size() <= policies.size());
    return allow ? Decision.ALLOW : Decision.DENY;
  }
}
