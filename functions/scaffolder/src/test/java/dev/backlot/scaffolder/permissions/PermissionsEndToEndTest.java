package dev.backlot.scaffolder.permissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.platform.http.Json;
import dev.backlot.scaffolder.FunctionUnderTest;
import dev.backlot.scaffolder.RealCatalog;
import dev.backlot.scaffolder.RealPermission;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The scaffolder's permissions decided by the real permission function (RHDH's RBAC, a CSV policy
 * file and conditional policies made through its REST API, which validates them against the rules
 * the scaffolder publishes), with the real catalog: template pages and steps by HAS_TAG, actions by
 * HAS_ACTION_ID and HAS_STRING_PROPERTY applied by the worker for the task's initiator, task
 * creation refused to a user without a role.
 */
class PermissionsEndToEndTest {
  static final String ALICE = "user:default/alice";
  static final String BOB = "user:default/bob";
  static RealCatalog catalog;
  static RealPermission permission;
  static FunctionUnderTest scaffolder;

  @BeforeAll
  static void start() throws Exception {
    catalog = new RealCatalog();
    catalog.provide(List.of((ObjectNode) Json.MAPPER.readTree("""
        {"apiVersion": "scaffolder.backstage.io/v1beta3", "kind": "Template", "metadata": {"name": "guarded", "namespace": "default"},
         "spec": {"owner": "group:default/team-a", "type": "service",
           "parameters": [
             {"title": "Public", "backstage:permissions": {"tags": ["public"]}, "required": ["name"],
              "properties": {"name": {"type": "string"}, "file": {"type": "string"}}},
             {"title": "Internal", "required": ["internal"], "properties": {"internal": {"type": "string"}}}],
           "steps": [
             {"id": "hello", "action": "debug:log", "input": {"message": "hello ${{ parameters.name }}"}, "backstage:permissions": {"tags": ["public"]}},
             {"id": "hidden", "action": "debug:log", "input": {"message": "internal step"}},
             {"id": "write", "action": "catalog:write", "input": {"filePath": "${{ parameters.file }}", "entity": {"metadata": {"name": "x"}}},
              "backstage:permissions": {"tags": ["public"]}}]}}""")));
    int permissionPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      permissionPort = socket.getLocalPort();
    }
    List<Map<String, Object>> endpoints = new ArrayList<>();
    endpoints.add(endpoint(catalog.port, "catalog"));
    endpoints.add(endpoint(permissionPort, "permission"));
    scaffolder = new FunctionUnderTest(null, Map.of("permission", Map.of("enabled", true), "discovery", Map.of("endpoints", endpoints)));
    List<Map<String, Object>> all = new ArrayList<>(endpoints);
    all.add(endpoint(scaffolder.port(), "scaffolder"));
    permission = new RealPermission(permissionPort, Map.of("endpoints", all), "p, role:default/unused, scaffolder.task.read, read, allow\n");
    // A REST role, as RHDH's UI makes them: conditional policies belong to roles of the same source.
    made("/roles", """
        {"name": "role:default/dev", "memberReferences": ["user:default/alice"]}""");
    made("/policies", """
        [{"entityReference": "role:default/dev", "permission": "scaffolder.task.create", "policy": "create", "effect": "allow"},
         {"entityReference": "role:default/dev", "permission": "scaffolder.task.read", "policy": "read", "effect": "allow"}]""");
    condition("""
        {"result": "CONDITIONAL", "roleEntityRef": "role:default/dev", "pluginId": "scaffolder", "resourceType": "scaffolder-template",
         "permissionMapping": ["read"], "conditions": {"rule": "HAS_TAG", "resourceType": "scaffolder-template", "params": {"tag": "public"}}}""");
    condition("""
        {"result": "CONDITIONAL", "roleEntityRef": "role:default/dev", "pluginId": "scaffolder", "resourceType": "scaffolder-action",
         "permissionMapping": ["use"], "conditions": {"anyOf": [
           {"rule": "HAS_ACTION_ID", "resourceType": "scaffolder-action", "params": {"actionId": "debug:log"}},
           {"allOf": [{"rule": "HAS_ACTION_ID", "resourceType": "scaffolder-action", "params": {"actionId": "catalog:write"}},
                      {"rule": "HAS_STRING_PROPERTY", "resourceType": "scaffolder-action", "params": {"key": "filePath", "value": "allowed.yaml"}}]}]}}""");
  }

  static Map<String, Object> endpoint(int port, String plugin) {
    return Map.of("target", "http://127.0.0.1:" + port + "/api/{{pluginId}}", "plugins", List.of(plugin));
  }

  static void condition(String body) throws Exception {
    made("/roles/conditions", body);
  }

  static void made(String path, String body) throws Exception {
    var made = permission.send("POST", path, RealPermission.SUPERUSER, body);
    assertEquals(201, made.statusCode(), made.body());
  }

  @AfterAll
  static void stop() throws Exception {
    scaffolder.close();
    permission.close();
    catalog.close();
  }

  static List<String> texts(JsonNode items, String field) {
    List<String> texts = new ArrayList<>();
    items.forEach(item -> texts.add(item.path(field).asText()));
    return texts;
  }

  @Test
  void theScaffoldersRulesArePublishedToThePermissionFunction() throws Exception {
    var rules = permission.send("GET", "/plugins/condition-rules", RealPermission.SUPERUSER, null);
    assertEquals(200, rules.statusCode(), rules.body());
    JsonNode scaffolderRules = null;
    for (JsonNode plugin : Json.MAPPER.readTree(rules.body())) {
      if (plugin.path("pluginId").asText().equals("scaffolder")) {
        scaffolderRules = plugin.path("rules");
      }
    }
    assertEquals(List.of("HAS_TAG", "HAS_ACTION_ID", "HAS_BOOLEAN_PROPERTY", "HAS_NUMBER_PROPERTY", "HAS_STRING_PROPERTY"),
        texts(scaffolderRules, "name"));
  }

  @Test
  void aConditionalParameterReadShowsOnlyTheTaggedPages() throws Exception {
    JsonNode schema = Json.MAPPER.readTree(scaffolder.send("GET", "/v2/templates/default/template/guarded/parameter-schema", ALICE, null).body());
    assertEquals(List.of("Public"), texts(schema.path("steps"), "title"));
    JsonNode all = Json.MAPPER.readTree(scaffolder.send("GET", "/v2/templates/default/template/guarded/parameter-schema", RealPermission.SUPERUSER, null).body());
    assertEquals(List.of("Public", "Internal"), texts(all.path("steps"), "title"));
    JsonNode none = Json.MAPPER.readTree(scaffolder.send("GET", "/v2/templates/default/template/guarded/parameter-schema", BOB, null).body());
    assertEquals(List.of(), texts(none.path("steps"), "title"), "DENY keeps no page");
  }

  static JsonNode run(String user, String values) throws Exception {
    return scaffolder.runTask("Bearer " + dev.backlot.testing.TestTokens.userToken(user), user,
        "{\"templateRef\": \"template:default/guarded\", \"values\": " + values + "}");
  }

  @Test
  void aTaskGetsOnlyTheStepsAndPagesItsCreatorMayReadAndRunsTheActionsTheyMayExecute() throws Exception {
    // The Internal page's required field is not asked for: that page is not the creator's to see.
    JsonNode task = run(ALICE, "{\"name\": \"svc\", \"file\": \"allowed.yaml\"}");
    assertEquals(List.of("hello", "write"), texts(task.path("spec").path("steps"), "id"));
    assertEquals("completed", task.path("status").asText(), task.path("events").toString());
  }

  @Test
  void anActionWhoseInputTheConditionsDoNotAllowFailsItsStep() throws Exception {
    JsonNode task = run(ALICE, "{\"name\": \"svc\", \"file\": \"other.yaml\"}");
    assertEquals("failed", task.path("status").asText());
    assertTrue(task.path("events").toString().contains("Unauthorized action: catalog:write. The action is not allowed."), task.path("events").toString());
  }

  @Test
  void aUserWithoutARoleMayNotCreateTasks() throws Exception {
    var refused = scaffolder.send("POST", "/v2/tasks", BOB, "{\"templateRef\": \"template:default/guarded\", \"values\": {\"name\": \"x\"}}");
    assertEquals(403, refused.statusCode(), refused.body());
    assertTrue(refused.body().contains("scaffolder.task.create"), refused.body());
  }
}
