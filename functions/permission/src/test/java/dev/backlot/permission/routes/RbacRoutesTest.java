package dev.backlot.permission.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlot.permission.FunctionUnderTest;
import dev.backlot.platform.auth.ServiceTokens;
import dev.backlot.platform.http.Json;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** RHDH's roles, policies and conditions API through the real invoker: who may call it, what it refuses, and that decisions follow it. */
class RbacRoutesTest {
  private static final String ADMIN = FunctionUnderTest.user("user:default/alice");
  private static final String JDOE = FunctionUnderTest.user("user:default/jdoe");
  private static FunctionUnderTest permission;

  @BeforeAll
  static void start() throws Exception {
    permission = new FunctionUnderTest("p, role:default/from-file, catalog-entity, read, allow\ng, user:default/tim, role:default/from-file\n");
    permission.catalog.user("user:default/alice", "group:default/platform").group("group:default/platform", FunctionUnderTest.RBAC_ADMIN_GROUP)
        .group(FunctionUnderTest.RBAC_ADMIN_GROUP).user("user:default/jdoe", "group:default/team-a").group("group:default/team-a");
    permission.catalog.answer("/api/catalog/.well-known/backstage/permissions/metadata", """
        {"permissions":[
          {"type":"resource","name":"catalog.entity.read","attributes":{"action":"read"},"resourceType":"catalog-entity"},
          {"type":"basic","name":"catalog.location.create","attributes":{"action":"create"}},
          {"type":"basic","name":"catalog.entity.refresh","attributes":{}}],
         "rules":[{"name":"IS_ENTITY_KIND","description":"Allow entities matching a specified kind","resourceType":"catalog-entity",
           "paramsSchema":{"type":"object","properties":{"kinds":{"type":"array","items":{"type":"string"}}}}}]}""");
  }

  @AfterAll
  static void stop() throws Exception {
    permission.close();
  }

  private static JsonNode call(String method, String path, String authorization, String body, int status) throws Exception {
    return permission.call(method, path, authorization, body, status);
  }

  private static String authorizeRead(String authorization) throws Exception {
    return call("POST", "/authorize", authorization, """
        {"items":[{"id":"1","permission":{"type":"resource","name":"catalog.entity.read","attributes":{"action":"read"},"resourceType":"catalog-entity"}}]}""",
        200).at("/items/0/result").asText();
  }

  @Test
  void onlyRbacAdminsManageRolesAndTheDeploySmokeTestMayListThem() throws Exception {
    // A signed-in user, a script with a static token and another plugin try to read or grant roles.
    call("GET", "/roles", JDOE, null, 403);
    call("POST", "/roles", JDOE, "{\"name\":\"role:default/mine\",\"memberReferences\":[\"user:default/jdoe\"]}", 403);
    call("GET", "/roles", "Bearer " + FunctionUnderTest.STATIC_TOKEN, null, 403);
    call("GET", "/policies", ServiceTokens.fromConfig(permission.config(), "catalog").authorizationFor("permission"), null, 403);
    String deploy = ServiceTokens.fromConfig(permission.config(), "deploy").authorizationFor("permission");
    call("GET", "/roles", deploy, null, 200);
    call("POST", "/roles", deploy, "{\"name\":\"role:default/mine\",\"memberReferences\":[\"user:default/jdoe\"]}", 403);
    call("GET", "/roles", FunctionUnderTest.user(FunctionUnderTest.SUPERUSER), null, 200);
    call("POST", "/roles/conditions", JDOE, "{}", 403);
    call("GET", "/plugins/policies", JDOE, null, 403);
    call("DELETE", "/roles/role/default/from-file", "Bearer " + FunctionUnderTest.STATIC_TOKEN, null, 403);
  }

  /** As RHDH shows its built-in role: listed with the configured admins, readable by name, changed only in the configuration. */
  @Test
  void theBuiltInAdminRoleIsListedWithTheConfiguredAdminsAndCannotBeChangedHere() throws Exception {
    JsonNode roles = call("GET", "/roles", ADMIN, null, 200);
    JsonNode admin = roles.get(0);
    assertEquals("role:default/rbac_admin", admin.get("name").asText());
    assertEquals(Json.MAPPER.readTree("[\"" + FunctionUnderTest.RBAC_ADMIN_GROUP + "\"]"), admin.get("memberReferences"));
    assertEquals("configuration", admin.at("/metadata/source").asText());
    assertEquals("application configuration", admin.at("/metadata/author").asText());
    assertEquals(admin, call("GET", "/roles/role/default/rbac_admin", ADMIN, null, 200).get(0));
    for (String[] change : new String[][] {
        {"DELETE", "/roles/role/default/rbac_admin", null, "delete"},
        {"PUT", "/roles/role/default/rbac_admin", "{\"newRole\":{\"name\":\"role:default/rbac_admin\",\"memberReferences\":[\"user:default/jdoe\"]}}", "update"},
        {"POST", "/roles", "{\"name\":\"role:default/rbac_admin\",\"memberReferences\":[\"user:default/jdoe\"]}", "create"}}) {
      assertEquals("Unable to " + change[3] + " role role:default/rbac_admin: source does not match originating role role:default/rbac_admin,"
          + " consider making changes to the 'CONFIGURATION'", call(change[0], change[1], ADMIN, change[2], 403).at("/error/message").asText());
    }
    // Nor may another role be renamed to it, which would make its holders RBAC admins.
    call("POST", "/roles", ADMIN, "{\"name\":\"role:default/to-rename\",\"memberReferences\":[\"user:default/jdoe\"]}", 201);
    call("PUT", "/roles/role/default/to-rename", ADMIN, "{\"newRole\":{\"name\":\"role:default/rbac_admin\",\"memberReferences\":[\"user:default/jdoe\"]}}", 403);
    call("DELETE", "/roles/role/default/to-rename", ADMIN, null, 204);
    assertEquals(List.of(FunctionUnderTest.RBAC_ADMIN_GROUP), List.of(call("GET", "/roles/role/default/rbac_admin", ADMIN, null, 200)
        .at("/0/memberReferences/0").asText()));
  }

  @Test
  void aRoleAndItsPolicyCreatedByAnAdminDecideAtOnce() throws Exception {
    assertEquals("DENY", authorizeRead(JDOE));

    call("POST", "/roles", ADMIN, "{\"name\":\"role:default/readers\",\"memberReferences\":[\"group:default/team-a\"],\"metadata\":{\"description\":\"Read the catalog\"}}", 201);
    call("POST", "/policies", ADMIN, "[{\"entityReference\":\"role:default/readers\",\"permission\":\"catalog-entity\",\"policy\":\"read\",\"effect\":\"allow\"}]", 201);

    assertEquals("ALLOW", authorizeRead(JDOE));
    JsonNode role = call("GET", "/roles/role/default/readers", ADMIN, null, 200);
    assertEquals("role:default/readers", role.at("/0/name").asText());
    assertEquals("group:default/team-a", role.at("/0/memberReferences/0").asText());
    assertEquals("rest", role.at("/0/metadata/source").asText());
    assertEquals("Read the catalog", role.at("/0/metadata/description").asText());
    assertEquals("user:default/alice", role.at("/0/metadata/author").asText());
    assertEquals(Json.MAPPER.readTree("[{\"entityReference\":\"role:default/readers\",\"permission\":\"catalog-entity\",\"policy\":\"read\","
        + "\"effect\":\"allow\",\"metadata\":{\"source\":\"rest\"}}]"), call("GET", "/policies/role/default/readers", ADMIN, null, 200));

    call("PUT", "/policies/role/default/readers", ADMIN, "{\"oldPolicy\":[{\"permission\":\"catalog-entity\",\"policy\":\"read\",\"effect\":\"allow\"}],"
        + "\"newPolicy\":[{\"permission\":\"catalog-entity\",\"policy\":\"read\",\"effect\":\"deny\"}]}", 200);
    assertEquals("DENY", authorizeRead(JDOE));
    call("DELETE", "/policies/role/default/readers", ADMIN, "[{\"permission\":\"catalog-entity\",\"policy\":\"read\",\"effect\":\"deny\"}]", 204);
    call("GET", "/policies/role/default/readers", ADMIN, null, 404);
    call("DELETE", "/roles/role/default/readers", ADMIN, null, 204);
    call("GET", "/roles/role/default/readers", ADMIN, null, 404);
  }

  @Test
  void invalidRolesAndPoliciesAreRefusedNamingTheField() throws Exception {
    assertTrue(call("POST", "/roles", ADMIN, "{\"name\":\"group:default/x\",\"memberReferences\":[\"user:default/a\"]}", 400)
        .at("/error/message").asText().contains("'name'"));
    assertTrue(call("POST", "/roles", ADMIN, "{\"name\":\"role:default/x\",\"memberReferences\":[\"user:default/a\",\"jdoe\"]}", 400)
        .at("/error/message").asText().contains("'memberReferences[1]'"));
    assertTrue(call("POST", "/roles", ADMIN, "{\"name\":\"role:default/x\",\"memberReferences\":[]}", 400)
        .at("/error/message").asText().contains("'memberReferences' field must not be empty"));
    assertTrue(call("POST", "/policies", ADMIN, "[{\"entityReference\":\"role:default/x\",\"permission\":\"catalog-entity\",\"policy\":\"write\",\"effect\":\"allow\"}]", 400)
        .at("/error/message").asText().contains("[0]. Cause: 'policy' has invalid value: 'write'"));
    assertTrue(call("POST", "/policies", ADMIN, "[{\"entityReference\":\"role:default/x\",\"permission\":\"a\",\"policy\":\"read\",\"effect\":\"allow\"},"
        + "{\"entityReference\":\"role:default/x\",\"permission\":\"a\",\"policy\":\"read\",\"effect\":\"perhaps\"}]", 400)
        .at("/error/message").asText().contains("[1]. Cause: 'effect'"));
    // A quote in a permission would break the CSV form policies are exported and compared in (RHDH refuses it too).
    assertTrue(call("POST", "/policies", ADMIN, "[{\"entityReference\":\"role:default/x\",\"permission\":\"a\\\", allow\",\"policy\":\"read\",\"effect\":\"allow\"}]", 400)
        .at("/error/message").asText().contains("double quotes"));
    assertTrue(call("POST", "/policies", ADMIN, "[{\"entityReference\":\"role:default/none\",\"permission\":\"a\",\"policy\":\"read\",\"effect\":\"allow\"}]", 404)
        .at("/error/message").asText().contains("role:default/none was not found"));
  }

  @Test
  void rolesAndPoliciesFromThePolicyFileAreReadOnlyHere() throws Exception {
    call("DELETE", "/roles/role/default/from-file", ADMIN, null, 403);
    JsonNode refused = call("POST", "/policies", ADMIN,
        "[{\"entityReference\":\"role:default/from-file\",\"permission\":\"catalog-entity\",\"policy\":\"delete\",\"effect\":\"allow\"}]", 403);

    assertTrue(refused.at("/error/message").asText().contains("'CSV-FILE'"), refused.toString());
    assertEquals("csv-file", call("GET", "/roles/role/default/from-file", ADMIN, null, 200).at("/0/metadata/source").asText());
    assertEquals("allow", call("GET", "/policies?entityRef=role:default/from-file", ADMIN, null, 200).at("/0/effect").asText());
  }

  @Test
  void conditionalPoliciesAreStoredValidatedAndDecided() throws Exception {
    call("POST", "/roles", ADMIN, "{\"name\":\"role:default/api-readers\",\"memberReferences\":[\"user:default/jdoe\"]}", 201);
    String condition = """
        {"result":"CONDITIONAL","roleEntityRef":"role:default/api-readers","pluginId":"catalog","resourceType":"catalog-entity",
         "permissionMapping":["read"],"conditions":{"anyOf":[%s]}}""";
    JsonNode bad = call("POST", "/roles/conditions", ADMIN,
        condition.formatted("{\"rule\":\"IS_ENTITY_KIND\",\"resourceType\":\"scaffolder-task\",\"params\":{}}"), 400);
    assertTrue(bad.at("/error/message").asText().contains("'conditions.anyOf[0].resourceType'"), bad.toString());

    JsonNode unknownRule = call("POST", "/roles/conditions", ADMIN,
        condition.formatted("{\"rule\":\"IS_ENTITY_OWNER\",\"resourceType\":\"catalog-entity\",\"params\":{}}"), 400);
    assertTrue(unknownRule.at("/error/message").asText().contains("'conditions.anyOf[0].rule': plugin catalog publishes no rule 'IS_ENTITY_OWNER'"),
        unknownRule.toString());
    JsonNode unknownAction = call("POST", "/roles/conditions", ADMIN, condition.replace("[\"read\"]", "[\"delete\"]")
        .formatted("{\"rule\":\"IS_ENTITY_KIND\",\"resourceType\":\"catalog-entity\",\"params\":{}}"), 400);
    assertTrue(unknownAction.at("/error/message").asText().contains("'permissionMapping[0]'"), unknownAction.toString());
    JsonNode unknownPlugin = call("POST", "/roles/conditions", ADMIN, condition.replace("\"catalog\"", "\"scaffolder\"")
        .formatted("{\"rule\":\"IS_ENTITY_KIND\",\"resourceType\":\"catalog-entity\",\"params\":{}}"), 400);
    assertTrue(unknownPlugin.at("/error/message").asText().contains("'pluginId' 'scaffolder'"), unknownPlugin.toString());

    JsonNode badParams = call("POST", "/roles/conditions", ADMIN,
        condition.formatted("{\"rule\":\"IS_ENTITY_KIND\",\"resourceType\":\"catalog-entity\",\"params\":{\"kinds\":\"api\"}}"), 400);
    assertTrue(badParams.at("/error/message").asText().contains("'conditions.anyOf[0].params.kinds' does not fit the paramsSchema of rule IS_ENTITY_KIND"),
        badParams.toString());

    long id = call("POST", "/roles/conditions", ADMIN,
        condition.formatted("{\"rule\":\"IS_ENTITY_KIND\",\"resourceType\":\"catalog-entity\",\"params\":{\"kinds\":[\"api\"]}}"), 201).get("id").asLong();

    assertEquals("CONDITIONAL", authorizeRead(JDOE));
    assertEquals("catalog", call("GET", "/roles/conditions/" + id, ADMIN, null, 200).get("pluginId").asText());
    assertEquals(1, call("GET", "/roles/conditions?roleEntityRef=role:default/api-readers", ADMIN, null, 200).size());
    call("POST", "/roles/conditions", ADMIN,
        condition.formatted("{\"rule\":\"IS_ENTITY_KIND\",\"resourceType\":\"catalog-entity\",\"params\":{\"kinds\":[\"api\"]}}"), 409);
    call("DELETE", "/roles/conditions/" + id, ADMIN, null, 204);
    assertEquals("DENY", authorizeRead(JDOE));
    call("GET", "/roles/conditions/" + id, ADMIN, null, 404);
    call("GET", "/roles/conditions/not-a-number", ADMIN, null, 400);
    call("DELETE", "/roles/role/default/api-readers", ADMIN, null, 204);
  }

  @Test
  void pluginPoliciesAndRulesAreCollectedFromThePluginsThatAnswer() throws Exception {
    JsonNode policies = call("GET", "/plugins/policies", ADMIN, null, 200);
    JsonNode rules = call("GET", "/plugins/condition-rules", ADMIN, null, 200);

    assertEquals(Json.MAPPER.readTree("""
        [{"pluginId":"catalog","policies":[
          {"name":"catalog.entity.read","policy":"read","resourceType":"catalog-entity"},
          {"name":"catalog.location.create","policy":"create"},
          {"name":"catalog.entity.refresh","policy":"use"}]},
         {"pluginId":"permission","policies":[
          {"name":"policy.entity.read","policy":"read","resourceType":"policy-entity"},
          {"name":"policy.entity.create","policy":"create"},
          {"name":"policy.entity.update","policy":"update","resourceType":"policy-entity"},
          {"name":"policy.entity.delete","policy":"delete","resourceType":"policy-entity"}]}]"""), policies);
    assertEquals("IS_ENTITY_KIND", rules.at("/0/rules/0/name").asText());
    assertEquals("catalog", rules.at("/0/pluginId").asText());
    assertEquals(1, rules.size(), "api-docs and github answered nothing here and are left out");
  }
}
