package dev.backlot.scaffolder.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.catalog.client.CatalogClient;
import dev.backlot.platform.http.Json;
import dev.backlot.scaffolder.FunctionUnderTest;
import dev.backlot.scaffolder.RealCatalog;
import dev.backlot.testing.TestTokens;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * http:backstage:request against the real catalog on loopback, found through discovery: calls are
 * made as the scaffolder on behalf of the task's initiator, so the catalog's own rules decide; only
 * {@code /api/<pluginId>} paths are called, and no header can replace the task's credentials.
 */
class HttpBackstageRequestTest {
  static RealCatalog catalog;
  static FunctionUnderTest scaffolder;

  @BeforeAll
  static void start() throws Exception {
    catalog = new RealCatalog();
    catalog.provide(List.of((ObjectNode) Json.MAPPER.readTree("""
        {"apiVersion": "scaffolder.backstage.io/v1beta3", "kind": "Template", "metadata": {"name": "http-call", "namespace": "default"},
         "spec": {"owner": "group:default/team-a", "type": "service",
           "parameters": {"properties": {"method": {"type": "string"}, "path": {"type": "string"}, "body": {"type": "object"}, "headers": {"type": "object"}}},
           "steps": [{"id": "call", "action": "http:backstage:request", "input": {"method": "${{ parameters.method }}", "path": "${{ parameters.path }}",
             "body": "${{ parameters.body }}", "headers": "${{ parameters.headers }}", "continueOnBadResponse": true}}],
           "output": {"code": "${{ steps.call.output.code }}", "body": "${{ steps.call.output.body }}"}}}""")));
    scaffolder = new FunctionUnderTest(null, Map.of("discovery", catalog.discovery()));
  }

  @AfterAll
  static void stop() throws Exception {
    scaffolder.close();
    catalog.close();
  }

  static JsonNode run(String values, String user, String... ownership) throws Exception {
    return scaffolder.runTask("Bearer " + TestTokens.userToken(user, ownership), user,
        "{\"templateRef\": \"template:default/http-call\", \"values\": " + values + "}");
  }

  @Test
  void aTaskAServiceStartedCallsNoPluginAsTheScaffolder() throws Exception {
    // Who: a service (or static token) allowed to create tasks. Without a person to act for, the
    // call would go out as plugin:scaffolder, with rights its initiator never had.
    JsonNode task = scaffolder.runTask(scaffolder.serviceAuthorization("github"), "user:default/alice",
        "{\"templateRef\": \"template:default/http-call\", \"values\": {\"method\": \"GET\", \"path\": \"/api/catalog/locations\"}}");
    assertEquals("failed", task.path("status").asText(), task.path("events").toString());
    assertTrue(task.path("events").toString().contains("on behalf of the person who started the task"), task.path("events").toString());
  }

  @Test
  void aPluginIsCalledThroughDiscoveryAndItsJsonAnswerIsTheOutput() throws Exception {
    JsonNode task = run("{\"method\": \"GET\", \"path\": \"/api/catalog/entities/by-name/template/default/http-call\"}", "user:default/alice");
    assertEquals("completed", task.path("status").asText(), task.path("events").toString());
    assertEquals("200", task.at("/output/code").asText());
    assertEquals("http-call", task.at("/output/body/metadata/name").asText());
  }

  @Test
  void theCallIsDecidedAsTheInitiatorAnAdminRegistersANonAdminIsRefused() throws Exception {
    String register = "{\"method\": \"POST\", \"path\": \"/api/catalog/locations\", \"body\": {\"type\": \"url\", \"target\": \"http://127.0.0.1:9/%s/catalog-info.yaml\"}}";
    JsonNode refused = run(register.formatted("alice"), "user:default/alice");
    assertEquals("403", refused.at("/output/code").asText(), refused.toString());
    JsonNode allowed = run(register.formatted("root"), "user:default/root", "user:default/root", RealCatalog.ADMINS);
    assertEquals("201", allowed.at("/output/code").asText(), allowed.toString());
    List<String> targets = catalog.client("github").getLocations().stream().map(CatalogClient.Location::target).toList();
    assertTrue(targets.contains("http://127.0.0.1:9/root/catalog-info.yaml") && !targets.contains("http://127.0.0.1:9/alice/catalog-info.yaml"), targets.toString());
  }

  @Test
  void onlyApiPathsOfPluginsAreCalled() throws Exception {
    for (String path : List.of("/api/catalog/../permission/roles", "http://127.0.0.1:1/api/catalog/entities", "/api/catalog//entities",
        "/api/catalog/%2e%2e/x", "/apix/catalog", "//evil.example/api/catalog", "/api/Catalog/entities", "/api/catalog/./entities")) {
      JsonNode task = run("{\"path\": \"" + path + "\"}", "user:default/alice");
      assertEquals("failed", task.path("status").asText(), path);
      assertTrue(task.path("events").toString().contains("path must be /api/<pluginId>"), path + ": " + task.path("events"));
    }
  }

  @Test
  void headersCannotReplaceTheTasksCredentials() throws Exception {
    for (String header : List.of("Authorization", "x-forwarded-authorization", "X-Backlot-On-Behalf-Of", "X-Backlot-On-Behalf-Of-Ownership")) {
      JsonNode task = run("{\"method\": \"POST\", \"path\": \"/api/catalog/locations\", \"headers\": {\"" + header + "\": \"user:default/root\"},"
          + " \"body\": {\"type\": \"url\", \"target\": \"http://127.0.0.1:9/forged/catalog-info.yaml\"}}", "user:default/mallory");
      assertEquals("failed", task.path("status").asText(), header);
      assertTrue(task.path("events").toString().contains("may not set the header " + header), task.path("events").toString());
    }
  }
}
