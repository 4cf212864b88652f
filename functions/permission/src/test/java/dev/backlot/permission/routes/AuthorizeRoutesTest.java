package dev.backlot.permission.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlot.permission.FunctionUnderTest;
import dev.backlot.permission.rbac.ConditionalPolicy;
import dev.backlot.permission.storage.ConditionalPolicies;
import dev.backlot.permission.storage.RbacStore;
import dev.backlot.platform.auth.ServiceTokens;
import dev.backlot.platform.http.Json;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** POST /api/permission/authorize through the real invoker, with real user, service and static tokens. */
class AuthorizeRoutesTest {
  private static final String POLICIES = """
      p, role:default/viewer, catalog-entity, read, allow
      p, role:default/viewer, catalog.location.create, create, deny
      p, role:default/viewer, kubernetes.proxy, use, allow
      g, group:default/engineering, role:default/viewer
      """;
  private static FunctionUnderTest permission;

  @BeforeAll
  static void start() throws Exception {
    permission = new FunctionUnderTest(POLICIES);
    permission.catalog.user("user:default/jdoe", "group:default/team-a").group("group:default/team-a", "group:default/engineering")
        .group("group:default/engineering").user("user:default/owner", "group:default/owners").group("group:default/owners");
    RbacStore store = new RbacStore(permission.db, Clock.systemUTC());
    store.createRole("role:default/owners", List.of("group:default/owners"), null, "user:default/root");
    new ConditionalPolicies(permission.db).create(new ConditionalPolicy(0, "role:default/owners", "catalog", "catalog-entity",
        List.of("read", "delete"), Json.MAPPER.readTree(
            "{\"rule\":\"IS_ENTITY_OWNER\",\"resourceType\":\"catalog-entity\",\"params\":{\"claims\":[\"$ownerRefs\"]}}")));
  }

  @AfterAll
  static void stop() throws Exception {
    permission.close();
  }

  private static final String BATCH = """
      {"items":[
        {"id":"1","permission":{"type":"resource","name":"catalog.entity.read","attributes":{"action":"read"},"resourceType":"catalog-entity"}},
        {"id":"2","permission":{"type":"resource","name":"catalog.entity.delete","attributes":{"action":"delete"},"resourceType":"catalog-entity"}},
        {"id":"3","permission":{"type":"basic","name":"catalog.location.create","attributes":{"action":"create"}}},
        {"id":"4","permission":{"type":"basic","name":"kubernetes.proxy","attributes":{}}}
      ]}""";

  private static JsonNode authorize(String authorization, String body, int status) throws Exception {
    var response = permission.send("POST", "/authorize", authorization, body);
    assertEquals(status, response.statusCode(), response.body());
    return Json.MAPPER.readTree(response.body());
  }

  @Test
  void aUserIsDecidedByTheRolesOfItsGroupsAndTheirAncestors() throws Exception {
    JsonNode answer = authorize(FunctionUnderTest.user("user:default/jdoe"), BATCH, 200);

    assertEquals(Json.MAPPER.readTree("""
        {"items":[{"id":"1","result":"ALLOW"},{"id":"2","result":"DENY"},{"id":"3","result":"DENY"},{"id":"4","result":"ALLOW"}]}"""), answer);
  }

  @Test
  void aConditionalPolicyAnswersConditionalWithTheCallersOwnershipRefs() throws Exception {
    String token = "Bearer " + dev.backlot.testing.TestTokens.userToken("user:default/owner", "user:default/owner", "group:default/owners");

    JsonNode answer = authorize(token, BATCH, 200);

    assertEquals(Json.MAPPER.readTree("""
        {"id":"1","result":"CONDITIONAL","pluginId":"catalog","resourceType":"catalog-entity","conditions":{"anyOf":[
          {"rule":"IS_ENTITY_OWNER","resourceType":"catalog-entity","params":{"claims":["user:default/owner","group:default/owners"]}}]}}"""),
        answer.get("items").get(0));
    assertEquals("CONDITIONAL", answer.get("items").get(1).get("result").asText());
    assertEquals("DENY", answer.get("items").get(2).get("result").asText());
  }

  @Test
  void aConditionalDecisionForANamedResourceIsAppliedByItsPlugin() throws Exception {
    permission.catalog.answer("/api/catalog/.well-known/backstage/permissions/apply-conditions", "{\"items\":[{\"id\":\"r1\",\"result\":\"ALLOW\"}]}");
    String body = """
        {"items":[{"id":"r1","resourceRef":"component:default/payments",
          "permission":{"type":"resource","name":"catalog.entity.read","attributes":{"action":"read"},"resourceType":"catalog-entity"}}]}""";

    JsonNode answer = authorize(FunctionUnderTest.user("user:default/owner"), body, 200);

    assertEquals(Json.MAPPER.readTree("{\"items\":[{\"id\":\"r1\",\"result\":\"ALLOW\"}]}"), answer);
    JsonNode sent = permission.catalog.bodies.get(permission.catalog.bodies.size() - 1);
    assertEquals("component:default/payments", sent.at("/items/0/resourceRef").asText());
    assertEquals("IS_ENTITY_OWNER", sent.at("/items/0/conditions/anyOf/0/rule").asText());
  }

  @Test
  void aSuperuserIsAllowedEverything() throws Exception {
    JsonNode answer = authorize(FunctionUnderTest.user(FunctionUnderTest.SUPERUSER), BATCH, 200);

    for (JsonNode item : answer.get("items")) {
      assertEquals("ALLOW", item.get("result").asText(), answer.toString());
    }
  }

  @Test
  void aStaticTokenMayNotAskWhatPoliciesAllow() throws Exception {
    // A script with a static token probing the policies learns nothing.
    JsonNode answer = authorize("Bearer " + FunctionUnderTest.STATIC_TOKEN, BATCH, 403);

    assertEquals("NotAllowedError", answer.at("/error/name").asText());
  }

  @Test
  void aServiceWithoutAUserIsDenied() throws Exception {
    String service = ServiceTokens.fromConfig(permission.config(), "catalog").authorizationFor("permission");

    JsonNode answer = authorize(service, BATCH, 200);

    for (JsonNode item : answer.get("items")) {
      assertEquals("DENY", item.get("result").asText(), answer.toString());
    }
  }

  @Test
  void withoutATokenNothingIsDecided() throws Exception {
    assertEquals("AuthenticationError", authorize(null, BATCH, 401).at("/error/name").asText());
  }

  @Test
  void aMalformedRequestIsRefusedNamingTheField() throws Exception {
    String user = FunctionUnderTest.user("user:default/jdoe");
    assertTrue(authorize(user, "{\"items\":[{\"id\":\"1\",\"permission\":{\"name\":\"x\",\"attributes\":{}}}]}", 400)
        .at("/error/message").asText().contains("'items[0].permission.type'"));
    assertTrue(authorize(user, "{\"items\":[{\"id\":\"1\",\"permission\":{\"type\":\"resource\",\"name\":\"x\",\"attributes\":{}}}]}", 400)
        .at("/error/message").asText().contains("'items[0].permission.resourceType'"));
    assertTrue(authorize(user, "{\"items\":[{\"id\":\"1\",\"permission\":{\"type\":\"basic\",\"name\":\"x\",\"attributes\":{\"action\":\"write\"}}}]}", 400)
        .at("/error/message").asText().contains("'items[0].permission.attributes.action'"));
    assertTrue(authorize(user, "{\"items\":[{\"id\":\"1\",\"resourceRef\":\"component:default/a\",\"permission\":{\"type\":\"basic\",\"name\":\"x\",\"attributes\":{}}}]}", 400)
        .at("/error/message").asText().contains("'items[0].resourceRef'"));
    assertTrue(authorize(user, "{\"items\":{}}", 400).at("/error/message").asText().contains("'items'"));
    assertEquals("InputError", authorize(user, "{\"items\":[", 400).at("/error/name").asText());
  }

  @Test
  void aBatchOverTheLimitIsRefused() throws Exception {
    // One request asking thousands of decisions would hold an instance; the batch is bounded.
    StringBuilder items = new StringBuilder();
    for (int i = 0; i <= AuthorizeRequest.MAX_ITEMS; i++) {
      items.append(i == 0 ? "" : ",").append("{\"id\":\"").append(i).append("\",\"permission\":{\"type\":\"basic\",\"name\":\"x\",\"attributes\":{}}}");
    }

    JsonNode answer = authorize(FunctionUnderTest.user("user:default/jdoe"), "{\"items\":[" + items + "]}", 400);

    assertTrue(answer.at("/error/message").asText().contains("at most " + AuthorizeRequest.MAX_ITEMS), answer.toString());
  }

  @Test
  void aBodyOverTheLimitIsRefusedUnread() throws Exception {
    String padding = "x".repeat((int) AuthorizeRoutes.MAX_BODY_BYTES);

    JsonNode answer = authorize(FunctionUnderTest.user("user:default/jdoe"), "{\"items\":[],\"pad\":\"" + padding + "\"}", 413);

    assertEquals("PayloadTooLargeError", answer.at("/error/name").asText(), answer.toString());
  }
}
