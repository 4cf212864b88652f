package dev.backlot.platform.permission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlot.platform.auth.Identity;
import dev.backlot.platform.http.HttpError;
import dev.backlot.testing.MovableClock;
import dev.backlot.testing.PermissionServer;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against a loopback permission server, on a clock the test moves. */
class PermissionClientTest {
  static final Identity JDOE = new Identity(Identity.Kind.USER, "user:default/jdoe", List.of("user:default/jdoe"));
  static final Permission READ = Permission.resource("catalog.entity.read", "read", "catalog-entity");
  static final Permission CREATE = Permission.basic("catalog.entity.create", "create");
  static final Permission DELETE = Permission.resource("catalog.entity.delete", "delete", "catalog-entity");

  PermissionServer server;
  MovableClock clock;
  PermissionClient client;

  @BeforeEach
  void start() {
    server = PermissionServer.start();
    clock = new MovableClock(Instant.parse("2026-12-07T12:00:00Z"));
    client = new PermissionClient(server::baseUrl, target -> "Bearer service-token-for-" + target, clock);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  static String jdoeToken() {
    return "Bearer " + dev.backlot.testing.TestTokens.userToken(JDOE.subject());
  }

  @Test
  void undecidedItemsGoInOneBatchAndEachGetsItsOwnDecision() {
    server.decide(JDOE.subject(), "catalog.entity.read", "{\"result\":\"ALLOW\"}");
    server.decide(JDOE.subject(), "catalog.entity.delete", """
        {"result":"CONDITIONAL","pluginId":"catalog","resourceType":"catalog-entity",
         "conditions":{"not":{"rule":"IS_ENTITY_KIND","resourceType":"catalog-entity","params":{"kinds":["group"]}}}}""");
    List<Decision> decisions = client.authorize(JDOE, PermissionClientTest::jdoeToken, List.of(new PermissionClient.Item(READ, null),
        new PermissionClient.Item(CREATE, null), new PermissionClient.Item(DELETE, "component:default/x")));
    assertEquals(List.of(Decision.Result.ALLOW, Decision.Result.DENY, Decision.Result.CONDITIONAL), decisions.stream().map(Decision::result).toList());
    assertEquals("IS_ENTITY_KIND", ((PermissionCriteria.Condition) ((PermissionCriteria.Not) decisions.get(2).conditions()).criteria()).rule());
    assertEquals(1, server.received().size());
    JsonNode items = server.received().get(0).body().get("items");
    assertEquals(3, items.size());
    Set<String> ids = new HashSet<>();
    items.forEach(item -> ids.add(item.get("id").asText()));
    assertEquals(3, ids.size(), "each item its own id");
    assertEquals("component:default/x", items.get(2).get("resourceRef").asText());
    assertEquals("Bearer service-token-for-permission", server.received().get(0).authorization());
  }

  @Test
  void aStaticTokensRestrictionsDenyWhatTheyLeaveOutWithoutAskingAnyPolicy() {
    Identity reader = new Identity(Identity.Kind.EXTERNAL, "external:reader", List.of(),
        new dev.backlot.platform.auth.AccessRestrictions(Set.of("catalog.entity.read"), null));
    server.decide("external:reader", "catalog.entity.read", "{\"result\":\"ALLOW\"}");
    server.decide("external:reader", "catalog.entity.delete", "{\"result\":\"ALLOW\"}");
    List<Decision> decisions = client.authorize(reader, () -> null, List.of(new PermissionClient.Item(READ, null),
        new PermissionClient.Item(DELETE, "component:default/x")));
    assertEquals(List.of(Decision.Result.ALLOW, Decision.Result.DENY), decisions.stream().map(Decision::result).toList());
    assertEquals(1, server.received().get(0).body().get("items").size(), "only what the restriction lets through is asked");
  }

  @Test
  void decisionsAreReusedForFiveSecondsThenAskedAgain() {
    server.decide(JDOE.subject(), "catalog.entity.read", "{\"result\":\"ALLOW\"}");
    List<PermissionClient.Item> read = List.of(new PermissionClient.Item(READ, null));
    client.authorize(JDOE, PermissionClientTest::jdoeToken, read);
    clock.advance(PermissionClient.DECISION_TTL.minus(Duration.ofMillis(1)));
    client.authorize(JDOE, PermissionClientTest::jdoeToken, read);
    assertEquals(1, server.received().size());
    client.authorize(JDOE, PermissionClientTest::jdoeToken, List.of(new PermissionClient.Item(READ, null), new PermissionClient.Item(CREATE, null)));
    assertEquals(1, server.received().get(1).body().get("items").size(), "only the undecided item is asked");
    clock.advance(Duration.ofMillis(1));
    client.authorize(JDOE, PermissionClientTest::jdoeToken, read);
    assertEquals(3, server.received().size(), "expired: asked again, so a changed policy applies within 5 s");
  }

  @Test
  void anAnswerThatLeavesAnItemUndecidedOrIsNotADecisionRefusesWith503() {
    // Attack: a permission service (or something posing as one) answers 200 with no decision; nothing may pass.
    server.decide(JDOE.subject(), "catalog.entity.read", "{\"result\":\"MAYBE\"}");
    HttpError error = assertThrows(HttpError.class, () -> client.authorize(JDOE, PermissionClientTest::jdoeToken, List.of(new PermissionClient.Item(READ, null))));
    assertEquals(503, error.status());
    server.decide(JDOE.subject(), "catalog.entity.read", "{\"result\":\"CONDITIONAL\",\"conditions\":{\"allOf\":[]}}");
    assertEquals(503, assertThrows(HttpError.class, () -> client.authorize(JDOE, PermissionClientTest::jdoeToken, List.of(new PermissionClient.Item(READ, null)))).status());
    server.answerWith(401);
    assertEquals(503, assertThrows(HttpError.class, () -> client.authorize(JDOE, PermissionClientTest::jdoeToken, List.of(new PermissionClient.Item(CREATE, null)))).status());
  }

  @Test
  void aServiceThatDoesNotListenIsA503NotAHang() {
    server.close();
    HttpError error = assertThrows(HttpError.class, () -> client.authorize(JDOE, PermissionClientTest::jdoeToken, List.of(new PermissionClient.Item(READ, null))));
    assertEquals("ServiceUnavailableError", error.name());
  }
}
