package dev.backlot.platform.permission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.cloud.functions.invoker.runner.Invoker;
import dev.backlot.platform.BacklotFunction;
import dev.backlot.platform.Plugin;
import dev.backlot.platform.auth.ServiceTokens;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.http.Access;
import dev.backlot.platform.http.Json;
import dev.backlot.platform.http.Router;
import dev.backlot.platform.manifest.PluginManifest;
import dev.backlot.testing.PermissionServer;
import dev.backlot.testing.TestTokens;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Routes that name permissions, served by the real invoker twice: with {@code permission.enabled}
 * (a loopback permission server decides from a table) and without it (today's levels decide).
 */
class PermissionEnforcementTest {
  static final Permission THING_READ = Permission.resource("thing.read", "read", "thing");
  static final Permission THING_CREATE = Permission.basic("thing.create", "create");
  static final Permission THING_DELETE = Permission.resource("thing.delete", "delete", "thing");
  static final String STATIC_TOKEN = "static-token-of-ci-bot";
  static final String OTHER_PLUGINS_TOKEN = "static-token-for-the-catalog-only";
  static final String READER_TOKEN = "static-token-that-reads-things";
  static final String DELETER_TOKEN = "static-token-that-deletes-things";
  static int tests;
  // Each test its own people: decisions are kept for seconds, across tests too.
  String ADMIN;
  String PERSON;

  static PermissionServer permissions;
  static Config enabled;
  static Config disabled;
  static final Map<Boolean, Integer> ports = new HashMap<>();
  static final List<Invoker> invokers = new ArrayList<>();
  static final HttpClient http = HttpClient.newHttpClient();
  final List<LogRecord> audit = new ArrayList<>();
  final Handler auditRecorder = new Handler() {
    @Override
    public void publish(LogRecord record) {
      synchronized (audit) {
        audit.add(record);
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  /** Echoes the decision its handler was given. */
  abstract static class Things extends BacklotFunction {
    Things(Config config) {
      super(Plugin.start(new PluginManifest("things", "x.Things", "/api/things", false, false, List.of(), List.of(), "/healthcheck",
          List.of(), PluginManifest.Resources.DEFAULT), config, Things.class.getClassLoader()));
    }

    @Override
    protected void routes(Router router, Plugin plugin) {
      router.get("/things", Access.SIGNED_IN.permission(THING_READ), request -> Map.of("result", request.decision().result(),
          "conditions", request.decision().conditions() == null ? "none" : request.decision().conditions().toJson()));
      router.post("/things", Access.admins().permission(THING_CREATE), request -> Map.of("created", true));
      router.delete("/things/:id", Access.admins().permission(THING_DELETE), request -> Map.of("result", request.decision().result()));
      router.get("/plain", Access.SIGNED_IN, request -> Map.of("plain", true));
      router.publish(List.of(), List.of(new PermissionMetadata.Rule("IS_BLUE", "Things that are blue", "thing", Json.object())));
    }
  }

  public static final class Enforced extends Things {
    public Enforced() {
      super(enabled);
    }
  }

  public static final class NotEnforced extends Things {
    public NotEnforced() {
      super(disabled);
    }
  }

  @BeforeAll
  static void start() throws Exception {
    permissions = PermissionServer.start();
    Map<String, Object> base = Map.of("discovery", Map.of("endpoints", List.of(Map.of("target", permissions.baseUrl(), "plugins", List.of("permission")))),
        "backlot", Map.of("auth", Map.of("adminGroups", List.of("group:default/admins"))),
        "backend", Map.of("auth", Map.of("externalAccess", List.of(
            Map.of("type", "static", "options", Map.of("token", STATIC_TOKEN, "subject", "ci-bot")),
            Map.of("type", "static", "options", Map.of("token", OTHER_PLUGINS_TOKEN, "subject", "elsewhere"),
                "accessRestrictions", List.of(Map.of("plugin", "catalog"))),
            Map.of("type", "static", "options", Map.of("token", READER_TOKEN, "subject", "reader"),
                "accessRestrictions", List.of(Map.of("plugin", "catalog"), Map.of("plugin", "things", "permission", "thing.read, thing.list"))),
            Map.of("type", "static", "options", Map.of("token", DELETER_TOKEN, "subject", "deleter"),
                "accessRestrictions", List.of(Map.of("plugin", "things", "permissionAttribute", Map.of("action", List.of("delete")))))))));
    disabled = Config.of(TestTokens.withAuth(base));
    Map<String, Object> on = new HashMap<>(base);
    on.put("permission", Map.of("enabled", true));
    enabled = Config.of(TestTokens.withAuth(on));
    ports.put(true, serve(Enforced.class));
    ports.put(false, serve(NotEnforced.class));
  }

  static int serve(Class<? extends BacklotFunction> function) throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Invoker invoker = new Invoker(port, function.getName(), "http", function.getClassLoader());
    invoker.startTestServer();
    invokers.add(invoker);
    return port;
  }

  @AfterAll
  static void stop() throws Exception {
    for (Invoker invoker : invokers) {
      invoker.stopServer();
    }
    permissions.close();
  }

  @BeforeEach
  void listen() {
    tests++;
    ADMIN = "user:default/ada-" + tests;
    PERSON = "user:default/bob-" + tests;
    permissions.forget();
    Logger.getLogger("backlot.audit").addHandler(auditRecorder);
  }

  @AfterEach
  void unlisten() {
    Logger.getLogger("backlot.audit").removeHandler(auditRecorder);
  }

  String admin() {
    return "Bearer " + TestTokens.userToken(ADMIN, ADMIN, "group:default/admins");
  }

  String person() {
    return "Bearer " + TestTokens.userToken(PERSON);
  }

  static HttpResponse<String> send(boolean enforced, String method, String path, String authorization) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.get(enforced) + "/api/things" + path))
        .method(method, HttpRequest.BodyPublishers.noBody());
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode json(HttpResponse<String> response, int status) throws Exception {
    assertEquals(status, response.statusCode(), response.body());
    return Json.MAPPER.readTree(response.body());
  }

  @Test
  void withoutThePermissionFrameworkPeopleReadAndAdminsChangeAndNoOneIsAsked() throws Exception {
    assertEquals("ALLOW", json(send(false, "GET", "/things", person()), 200).get("result").asText());
    assertEquals(403, send(false, "POST", "/things", person()).statusCode());
    assertEquals(200, send(false, "POST", "/things", admin()).statusCode());
    assertEquals("ALLOW", json(send(false, "DELETE", "/things/1", admin()), 200).get("result").asText());
    assertEquals(List.of(), permissions.received());
  }

  @Test
  void aPolicyDecidesABasicPermissionInsteadOfTheAdminGroup() throws Exception {
    permissions.decide(PERSON, "thing.create", "{\"result\":\"ALLOW\"}");
    assertEquals(200, send(true, "POST", "/things", person()).statusCode(), "not an admin, but the policy allows");
    JsonNode refused = json(send(true, "POST", "/things", admin()), 403);
    assertEquals("NotAllowedError", refused.at("/error/name").asText());
    assertEquals(403, refused.at("/response/statusCode").asInt());
    assertTrue(refused.at("/error/message").asText().contains("thing.create"));
  }

  @Test
  void theCallGoesOutOnThePluginsServiceTokenWithThePersonsForwarded() throws Exception {
    String person = person();
    send(true, "GET", "/things", person);
    PermissionServer.Received batch = permissions.received().get(0);
    assertEquals(person, batch.forwardedAuthorization());
    assertTrue(batch.authorization().startsWith("Bearer ") && !batch.authorization().equals(person));
    JsonNode item = batch.body().at("/items/0");
    assertEquals(Json.MAPPER.readTree("{\"type\":\"resource\",\"name\":\"thing.read\",\"attributes\":{\"action\":\"read\"},\"resourceType\":\"thing\"}"),
        item.get("permission"));
    assertTrue(item.get("id").isTextual());
  }

  @Test
  void aForwardedTokenBesideThePersonsOwnIsNotWhatIsDecided() throws Exception {
    // Attack: bob sends his own token and, as if a proxy had forwarded it, ada's; the policy must decide for bob.
    permissions.decide(ADMIN, "thing.create", "{\"result\":\"ALLOW\"}");
    String bob = person();
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.get(true) + "/api/things/things"))
        .POST(HttpRequest.BodyPublishers.noBody()).header("Authorization", bob).header("X-Forwarded-Authorization", admin()).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(403, response.statusCode());
    assertEquals(bob, permissions.received().get(0).forwardedAuthorization());
  }

  @Test
  void aResourceReadHandsItsDecisionToTheHandlerAndADeniedReadStillReachesIt() throws Exception {
    permissions.decide(PERSON, "thing.read", """
        {"result":"CONDITIONAL","pluginId":"things","resourceType":"thing",
         "conditions":{"anyOf":[{"rule":"IS_BLUE","resourceType":"thing","params":{}},{"not":{"rule":"IS_BLUE","resourceType":"thing","params":{"x":1}}}]}}""");
    JsonNode conditional = json(send(true, "GET", "/things", person()), 200);
    assertEquals("CONDITIONAL", conditional.get("result").asText());
    assertEquals("IS_BLUE", conditional.at("/conditions/anyOf/0/rule").asText());
    assertEquals(1, conditional.at("/conditions/anyOf/1/not/params/x").asInt());
    assertEquals("DENY", json(send(true, "GET", "/things", admin()), 200).get("result").asText(), "a denied read shows nothing, it is not a 403");
  }

  @Test
  void aDeniedChangeOfAResourceIsRefusedBeforeTheHandlerAndAudited() throws Exception {
    String token = admin();
    assertEquals(403, send(true, "DELETE", "/things/7", token).statusCode());
    LogRecord event = audit.stream().filter(r -> r.getMessage().contains("permission-evaluation")).findFirst().orElseThrow();
    String fields = event.getParameters()[0].toString();
    assertTrue(fields.contains("thing.delete") && fields.contains(ADMIN) && fields.contains("denied"), fields);
    assertFalse(fields.contains(token.substring(7)), "no token in the audit trail");
  }

  @Test
  void aConditionalAnswerForABasicPermissionIsADenial() throws Exception {
    permissions.decide(PERSON, "thing.create", "{\"result\":\"CONDITIONAL\",\"pluginId\":\"things\",\"resourceType\":\"thing\","
        + "\"conditions\":{\"rule\":\"IS_BLUE\",\"resourceType\":\"thing\",\"params\":{}}}");
    assertEquals(403, send(true, "POST", "/things", person()).statusCode());
  }

  @Test
  void decisionsAreReusedForAFewSecondsSoAPageOfCallsCostsOneRoundTrip() throws Exception {
    permissions.decide(PERSON, "thing.read", "{\"result\":\"ALLOW\"}");
    String person = person();
    for (int i = 0; i < 5; i++) {
      assertEquals("ALLOW", json(send(true, "GET", "/things", person), 200).get("result").asText());
    }
    assertEquals(1, permissions.received().size());
    send(true, "GET", "/things", admin());
    assertEquals(2, permissions.received().size(), "another person is asked about");
  }

  @Test
  void aPermissionServiceThatFailsRefusesWith503AndIsNotCached() throws Exception {
    permissions.answerWith(500);
    JsonNode refused = json(send(true, "POST", "/things", admin()), 503);
    assertEquals("ServiceUnavailableError", refused.at("/error/name").asText());
    permissions.answerWith(200);
    permissions.decide(ADMIN, "thing.create", "{\"result\":\"ALLOW\"}");
    assertEquals(200, send(true, "POST", "/things", admin()).statusCode());
  }

  @Test
  void servicesAndRoutesWithoutAPermissionAreDecidedByTheirLevelWithoutAsking() throws Exception {
    String service = "Bearer " + ServiceTokens.fromConfig(enabled, "scheduler").tokenFor("things");
    assertEquals("ALLOW", json(send(true, "GET", "/things", service), 200).get("result").asText());
    assertEquals(403, send(true, "POST", "/things", service).statusCode(), "services are not admins");
    assertEquals(200, send(true, "GET", "/plain", person()).statusCode());
    assertEquals(List.of(), permissions.received());
  }

  @Test
  void aStaticTokenIsDecidedByPoliciesNamingItsSubjectWithoutTheTokenLeavingThePlugin() throws Exception {
    String token = "Bearer " + STATIC_TOKEN;
    permissions.decide("external:ci-bot", "thing.read", "{\"result\":\"ALLOW\"}");
    assertEquals("ALLOW", json(send(true, "GET", "/things", token), 200).get("result").asText());
    // Deny by default: with permissions enabled, an operator-issued token may not create what no policy names it for.
    assertEquals(403, send(true, "POST", "/things", token).statusCode());
    for (PermissionServer.Received batch : permissions.received()) {
      assertEquals("external:ci-bot", batch.decideFor());
      assertEquals(null, batch.forwardedAuthorization(), "the static token is not sent on");
      assertFalse(batch.body().toString().contains(STATIC_TOKEN));
    }
    LogRecord denied = audit.stream().filter(r -> r.getMessage().contains("permission-evaluation")).findFirst().orElseThrow();
    assertTrue(denied.getParameters()[0].toString().contains("external:ci-bot"));
  }

  @Test
  void aPolicyCannotWidenAStaticTokenBeyondItsAccessRestrictionsOrItsRoutesLevel() throws Exception {
    permissions.decide("external:elsewhere", "thing.read", "{\"result\":\"ALLOW\"}");
    assertEquals(403, send(true, "GET", "/things", "Bearer " + OTHER_PLUGINS_TOKEN).statusCode(), "restricted to the catalog");
    assertEquals(403, send(true, "GET", "/plain", "Bearer " + OTHER_PLUGINS_TOKEN).statusCode());
    assertEquals(List.of(), permissions.received());
  }

  @Test
  void aTokenRestrictedToPermissionsGetsThoseAndNothingElseWithOrWithoutTheFramework() throws Exception {
    permissions.decide("external:reader", "thing.read", "{\"result\":\"ALLOW\"}");
    for (boolean enforced : List.of(false, true)) {
      String reader = "Bearer " + READER_TOKEN;
      assertEquals("ALLOW", json(send(enforced, "GET", "/things", reader), 200).get("result").asText());
      JsonNode refused = json(send(enforced, "POST", "/things", reader), 403);
      assertEquals("Not allowed: POST /things needs permission thing.create; this token is restricted to permission(s) 'thing.list', 'thing.read'",
          refused.at("/error/message").asText());
      assertEquals(403, send(enforced, "DELETE", "/things/1", reader).statusCode());
      // Issued for named permissions: a route that names none is not among them.
      assertEquals("Not allowed: GET /plain names no permission; this token is restricted to permission(s) 'thing.list', 'thing.read'",
          json(send(enforced, "GET", "/plain", reader), 403).at("/error/message").asText());
    }
    assertTrue(audit.stream().anyMatch(r -> r.getParameters()[0].toString().contains("external:reader")), "refusals are audited");
  }

  @Test
  void aTokenRestrictedToAnActionMayNotUsePermissionsOfOtherActionsAndItsReadsShowNothing() throws Exception {
    permissions.decide("external:deleter", "thing.delete", "{\"result\":\"ALLOW\"}");
    String deleter = "Bearer " + DELETER_TOKEN;
    for (boolean enforced : List.of(false, true)) {
      assertEquals("ALLOW", json(send(enforced, "DELETE", "/things/1", deleter), 200).get("result").asText());
      assertEquals(403, send(enforced, "POST", "/things", deleter).statusCode());
      // Backstage answers DENY for the read; a denied read shows nothing rather than failing.
      assertEquals("DENY", json(send(enforced, "GET", "/things", deleter), 200).get("result").asText());
    }
    // A policy cannot widen the restriction: it is not even asked about what the token may not do.
    permissions.decide("external:deleter", "thing.create", "{\"result\":\"ALLOW\"}");
    assertEquals(403, send(true, "POST", "/things", deleter).statusCode());
    assertTrue(permissions.received().stream().noneMatch(batch -> batch.body().toString().contains("thing.create")));
  }

  @Test
  void withoutThePermissionFrameworkAStaticTokenDoesWhatAdminsMayAndNoOneIsAsked() throws Exception {
    String token = "Bearer " + STATIC_TOKEN;
    assertEquals(200, send(false, "POST", "/things", token).statusCode());
    assertEquals("ALLOW", json(send(false, "GET", "/things", token), 200).get("result").asText());
    assertEquals(List.of(), permissions.received());
  }

  @Test
  void thePluginPublishesItsPermissionsAndRulesToThePermissionPluginAndAdmins() throws Exception {
    String permissionPlugin = "Bearer " + ServiceTokens.fromConfig(enabled, "permission").tokenFor("things");
    JsonNode metadata = json(send(false, "GET", PermissionMetadata.PATH, permissionPlugin), 200);
    assertEquals(Json.MAPPER.readTree("""
        {"permissions":[
          {"type":"resource","name":"thing.read","attributes":{"action":"read"},"resourceType":"thing"},
          {"type":"basic","name":"thing.create","attributes":{"action":"create"}},
          {"type":"resource","name":"thing.delete","attributes":{"action":"delete"},"resourceType":"thing"}],
         "rules":[{"name":"IS_BLUE","description":"Things that are blue","resourceType":"thing","paramsSchema":{}}]}"""),
        sorted(metadata));
    assertEquals(200, send(false, "GET", PermissionMetadata.PATH, admin()).statusCode());
    assertEquals(403, send(false, "GET", PermissionMetadata.PATH, person()).statusCode());
    String otherPlugin = "Bearer " + ServiceTokens.fromConfig(enabled, "github").tokenFor("things");
    assertEquals(403, send(true, "GET", PermissionMetadata.PATH, otherPlugin).statusCode());
  }

  /** Permissions in declaration order: the router keeps routes by path, so sort by the order this test declared them. */
  private static JsonNode sorted(JsonNode metadata) {
    List<String> order = List.of("thing.read", "thing.create", "thing.delete");
    List<JsonNode> permissions = new ArrayList<>();
    metadata.get("permissions").forEach(permissions::add);
    permissions.sort((a, b) -> order.indexOf(a.get("name").asText()) - order.indexOf(b.get("name").asText()));
    var copy = metadata.deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) copy).putArray("permissions").addAll(permissions);
    return copy;
  }
}
