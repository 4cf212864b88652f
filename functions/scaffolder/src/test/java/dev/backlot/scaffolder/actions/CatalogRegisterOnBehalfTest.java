package dev.backlot.scaffolder.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.backlot.catalog.client.CatalogClient;
import dev.backlot.platform.http.Json;
import dev.backlot.scaffolder.FunctionUnderTest;
import dev.backlot.scaffolder.RealCatalog;
import dev.backlot.testing.TestTokens;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * catalog:register against the real catalog, run by the scaffolder's worker on behalf of the task's
 * initiator: the catalog's own rule for {@code POST /locations} (admins) decides, as if the initiator
 * had called it; the scaffolder itself is never admitted; and nothing in a request body changes
 * whom a task acts for.
 */
class CatalogRegisterOnBehalfTest {
  static HttpServer files;
  static String filesHost;
  static RealCatalog catalog;
  static FunctionUnderTest scaffolder;

  @BeforeAll
  static void start() throws Exception {
    // The registered catalog files: /<name>/catalog-info.yaml holds component <name>.
    files = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    files.createContext("/", exchange -> {
      String name = exchange.getRequestURI().getPath().split("/")[1];
      byte[] body = ("apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: " + name
          + "\nspec:\n  type: service\n  lifecycle: experimental\n  owner: group:default/team-a\n").getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    files.start();
    filesHost = "127.0.0.1:" + files.getAddress().getPort();
    catalog = new RealCatalog(List.of(filesHost));
    ObjectNode template = (ObjectNode) Json.MAPPER.readTree("""
        {"apiVersion": "scaffolder.backstage.io/v1beta3", "kind": "Template",
         "metadata": {"name": "register", "namespace": "default"},
         "spec": {"owner": "group:default/team-a", "type": "service",
           "parameters": {"properties": {"name": {"type": "string"}}},
           "steps": [{"id": "register", "action": "catalog:register",
             "input": {"catalogInfoUrl": "http://%s/${{ parameters.name }}/catalog-info.yaml"}}],
           "output": {"entityRef": "${{ steps.register.output.entityRef }}"}}}""".formatted(filesHost));
    catalog.provide(List.of(template));
    scaffolder = new FunctionUnderTest(null, Map.of("discovery", catalog.discovery()));
  }

  @AfterAll
  static void stop() throws Exception {
    scaffolder.close();
    catalog.close();
    files.stop(0);
  }

  /** Creates a task as {@code user} owning through {@code ownership} with {@code body}, runs the worker, and answers the task. */
  static JsonNode run(String body, String user, String... ownership) throws Exception {
    return scaffolder.runTask("Bearer " + TestTokens.userToken(user, ownership), user, body);
  }

  static boolean registered(String name) throws Exception {
    return catalog.client("github").getLocations().stream().map(CatalogClient.Location::target)
        .anyMatch(target -> target.equals("http://" + filesHost + "/" + name + "/catalog-info.yaml"));
  }

  @Test
  void anAdminInitiatorRegistersTheLocation() throws Exception {
    JsonNode task = run("{\"templateRef\": \"template:default/register\", \"values\": {\"name\": \"by-root\"}}",
        "user:default/root", "user:default/root", RealCatalog.ADMINS);
    assertEquals("completed", task.path("status").asText(), task.toPrettyString());
    assertTrue(registered("by-root"));
    assertEquals("component:default/by-root", task.path("output").path("entityRef").asText(task.toPrettyString()),
        "the registered file's component, read back by a dry run as Backstage's action does");
  }

  @Test
  void aNonAdminInitiatorIsRefusedByTheCatalogsOwnRule() throws Exception {
    JsonNode task = run("{\"templateRef\": \"template:default/register\", \"values\": {\"name\": \"by-alice\"}}",
        "user:default/alice", "user:default/alice", "group:default/team-a");
    assertEquals("failed", task.path("status").asText(), task.toPrettyString());
    assertTrue(task.path("events").toString().contains("POST /locations is for admins"), task.path("events").toString());
    assertEquals(false, registered("by-alice"));
  }

  @Test
  void aRequestBodyCannotMakeTheTaskActForSomeoneElse() throws Exception {
    JsonNode task = run("""
        {"templateRef": "template:default/register", "values": {"name": "forged"},
         "createdBy": "user:default/root",
         "user": {"ref": "user:default/root", "ownershipEntityRefs": ["group:default/admins"]},
         "spec": {"user": {"ref": "user:default/root", "ownershipEntityRefs": ["group:default/admins"]}}}""",
        "user:default/mallory", "user:default/mallory");
    assertEquals("user:default/mallory", task.path("createdBy").asText());
    assertEquals("user:default/mallory", task.path("spec").path("user").path("ref").asText());
    assertEquals("failed", task.path("status").asText(), task.toPrettyString());
    assertEquals(false, registered("forged"));
  }

  @Test
  void theScaffolderItselfMayNotRegisterLocations() {
    var refused = org.junit.jupiter.api.Assertions.assertThrows(dev.backlot.catalog.client.CatalogClientException.class,
        () -> catalog.client("scaffolder").addLocation("url", "http://127.0.0.1:9/itself/catalog-info.yaml", false));
    assertTrue(refused.getMessage().contains("403") || refused.getMessage().contains("for admins"), refused.getMessage());
  }
}
