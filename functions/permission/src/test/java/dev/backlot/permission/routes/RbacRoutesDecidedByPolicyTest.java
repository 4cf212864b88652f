package dev.backlot.permission.routes;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlot.permission.FunctionUnderTest;
import dev.backlot.platform.auth.ServiceTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With {@code permission.enabled: true}, RHDH's REST API is decided on its {@code policy.entity.*}
 * permissions by the function's own policies, asked through the route stack as every plugin asks:
 * RBAC admins through RHDH's {@code role:default/rbac_admin}, anyone else through policy lines.
 */
class RbacRoutesDecidedByPolicyTest {
  private static final String ADMIN = FunctionUnderTest.user("user:default/alice");
  private static final String READER = FunctionUnderTest.user("user:default/rita");
  private static final String CREATOR = FunctionUnderTest.user("user:default/carl");
  private static final String JDOE = FunctionUnderTest.user("user:default/jdoe");
  private static FunctionUnderTest permission;

  @BeforeAll
  static void start() throws Exception {
    permission = new FunctionUnderTest("""
        p, role:default/policy-readers, policy.entity.read, read, allow
        g, user:default/rita, role:default/policy-readers
        p, role:default/policy-writers, policy-entity, create, allow
        g, user:default/carl, role:default/policy-writers
        """, null, true);
    permission.catalog.user("user:default/alice", FunctionUnderTest.RBAC_ADMIN_GROUP).group(FunctionUnderTest.RBAC_ADMIN_GROUP)
        .user("user:default/rita").user("user:default/carl").user("user:default/jdoe");
  }

  @AfterAll
  static void stop() throws Exception {
    permission.close();
  }

  private static JsonNode call(String method, String path, String authorization, String body, int status) throws Exception {
    return permission.call(method, path, authorization, body, status);
  }

  @Test
  void aPolicyOnPolicyEntityReadLetsAPersonReadButNotChange() throws Exception {
    call("GET", "/roles", READER, null, 200);
    call("GET", "/policies", READER, null, 200);
    call("GET", "/plugins/condition-rules", READER, null, 200);
    JsonNode refused = call("POST", "/roles", READER, "{\"name\":\"role:default/mine\",\"memberReferences\":[\"user:default/rita\"]}", 403);
    assertTrue(refused.at("/error/message").asText().contains("policy.entity.create"), refused.toString());
    call("DELETE", "/roles/role/default/policy-readers", READER, null, 403);
  }

  @Test
  void aPersonWithoutALineIsRefusedReadsAsWellAsChanges() throws Exception {
    JsonNode refused = call("GET", "/roles", JDOE, null, 403);
    assertTrue(refused.at("/error/message").asText().contains("policy.entity.read"), refused.toString());
    call("GET", "/roles/conditions", JDOE, null, 403);
    call("POST", "/policies", JDOE, "[]", 403);
  }

  @Test
  void createIsGrantedByAPolicyEntityLineAsRhdhKeepsItAfterTheResourceTypeWasRemoved() throws Exception {
    call("POST", "/roles", CREATOR, "{\"name\":\"role:default/made-by-carl\",\"memberReferences\":[\"user:default/jdoe\"]}", 201);
    call("GET", "/roles", CREATOR, null, 403);
    call("DELETE", "/roles/role/default/made-by-carl", CREATOR, null, 403);
  }

  @Test
  void rbacAdminsHaveTheRbacAdminRoleAndManageEverything() throws Exception {
    call("POST", "/roles", ADMIN, "{\"name\":\"role:default/by-admin\",\"memberReferences\":[\"user:default/jdoe\"]}", 201);
    call("PUT", "/roles/role/default/by-admin", ADMIN, "{\"newRole\":{\"name\":\"role:default/by-admin\",\"memberReferences\":[\"user:default/rita\"]}}", 200);
    call("GET", "/roles/role/default/by-admin", ADMIN, null, 200);
    call("DELETE", "/roles/role/default/by-admin", ADMIN, null, 204);
    call("GET", "/roles", FunctionUnderTest.user(FunctionUnderTest.SUPERUSER), null, 200);
  }

  @Test
  void servicesAndStaticTokensStayRefusedAndTheDeploySmokeTestMayStillListRoles() throws Exception {
    call("GET", "/roles", "Bearer " + FunctionUnderTest.STATIC_TOKEN, null, 403);
    call("GET", "/policies", ServiceTokens.fromConfig(permission.config(), "catalog").authorizationFor("permission"), null, 403);
    String deploy = ServiceTokens.fromConfig(permission.config(), "deploy").authorizationFor("permission");
    call("GET", "/roles", deploy, null, 200);
    call("POST", "/roles", deploy, "{\"name\":\"role:default/x\",\"memberReferences\":[\"user:default/jdoe\"]}", 403);
  }

  @Test
  void thePluginPublishesThePolicyPermissions() throws Exception {
    JsonNode metadata = call("GET", "/.well-known/backstage/permissions/metadata",
        ServiceTokens.fromConfig(permission.config(), "permission").authorizationFor("permission"), null, 200);
    String names = metadata.path("permissions").toString();
    for (String name : new String[] {"policy.entity.read", "policy.entity.create", "policy.entity.update", "policy.entity.delete"}) {
      assertTrue(names.contains(name), names);
    }
    // And RHDH's /plugins/policies lists them, for the RBAC page to offer, as RHDH always asks the permission plugin too.
    JsonNode listed = call("GET", "/plugins/policies", ADMIN, null, 200);
    String permissionPlugin = "";
    for (JsonNode plugin : listed) {
      if (plugin.path("pluginId").asText().equals("permission")) {
        permissionPlugin = plugin.path("policies").toString();
      }
    }
    assertTrue(permissionPlugin.contains("\"name\":\"policy.entity.update\",\"policy\":\"update\",\"resourceType\":\"policy-entity\""), listed.toString());
  }
}
