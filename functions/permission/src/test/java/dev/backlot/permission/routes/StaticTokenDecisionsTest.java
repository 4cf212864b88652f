package dev.backlot.permission.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlot.permission.FunctionUnderTest;
import dev.backlot.platform.auth.ServiceTokens;
import dev.backlot.platform.http.Json;
import dev.backlot.platform.permission.PermissionClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Static tokens ({@code external:<subject>}) decided by the policies naming them, as a plugin asks
 * on their behalf: the plugin's service token, the principal named in {@code X-Backlot-Decide-For}.
 * Nobody else can have a static token's principal decided, and the token itself still may not ask.
 */
class StaticTokenDecisionsTest {
  private static final String POLICIES = """
      p, role:default/ci, catalog-entity, read, allow
      g, external:ci-bot, role:default/ci
      p, external:importer, catalog.location.create, create, allow
      p, user:default/reader, catalog-entity, read, allow
      g, external:ci-bot, external:importer
      """;
  private static final String BATCH = """
      {"items":[
        {"id":"read","permission":{"type":"resource","name":"catalog.entity.read","attributes":{"action":"read"},"resourceType":"catalog-entity"}},
        {"id":"register","permission":{"type":"basic","name":"catalog.location.create","attributes":{"action":"create"}}}
      ]}""";
  private static FunctionUnderTest permission;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    permission = new FunctionUnderTest(POLICIES);
    permission.catalog.user("user:default/jdoe");
  }

  @AfterAll
  static void stop() throws Exception {
    permission.close();
  }

  private JsonNode authorize(String authorization, String decideFor, int status) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(permission.send("GET", "/healthcheck", null, null).uri().resolve("/api/permission/authorize").toString()))
        .POST(HttpRequest.BodyPublishers.ofString(BATCH)).header("Content-Type", "application/json").header("Authorization", authorization);
    if (decideFor != null) {
      request.header(PermissionClient.DECIDE_FOR_HEADER, decideFor);
    }
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(status, response.statusCode(), response.body());
    return Json.MAPPER.readTree(response.body());
  }

  private static String results(JsonNode answer) {
    StringBuilder results = new StringBuilder();
    answer.get("items").forEach(item -> results.append(item.get("id").asText()).append('=').append(item.get("result").asText()).append(' '));
    return results.toString().trim();
  }

  private static String catalogService() {
    return ServiceTokens.fromConfig(permission.config(), "catalog").authorizationFor("permission");
  }

  @Test
  void aPluginAskingForAStaticTokensPrincipalGetsWhatThePoliciesNamingItAllow() throws Exception {
    assertEquals("read=ALLOW register=DENY", results(authorize(catalogService(), "external:ci-bot", 200)),
        "the role given to external:ci-bot; a g line to a non-role is skipped");
    assertEquals("read=DENY register=ALLOW", results(authorize(catalogService(), "external:importer", 200)), "a p line naming it directly");
    assertEquals("read=DENY register=DENY", results(authorize(catalogService(), "external:someone-else", 200)), "no line: deny");
  }

  @Test
  void aPersonNamingAStaticTokensPrincipalIsStillDecidedAsThemselves() throws Exception {
    // Attack: jdoe asks as if he were the CI bot.
    assertEquals("read=DENY register=DENY", results(authorize(FunctionUnderTest.user("user:default/jdoe"), "external:ci-bot", 200)));
  }

  @Test
  void theStaticTokenItselfMayStillNotAskAndAServiceMayNameOnlyAStaticTokensPrincipalOrAPerson() throws Exception {
    authorize("Bearer " + FunctionUnderTest.STATIC_TOKEN, null, 403);
    authorize("Bearer " + FunctionUnderTest.STATIC_TOKEN, "external:ci-bot", 403);
    JsonNode refused = authorize(catalogService(), "group:default/admins", 400);
    assertTrue(refused.at("/error/message").asText().contains(PermissionClient.DECIDE_FOR_HEADER), refused.toString());
    authorize(catalogService(), "user:default/", 400);
  }

  @Test
  void aPluginNamingAPersonItWasCalledOnBehalfOfGetsThatPersonsDecisions() throws Exception {
    // The platform names a person this way when a service of backend.auth.onBehalfOf called on their behalf (OnBehalfOf).
    assertEquals("read=ALLOW register=DENY", results(authorize(catalogService(), "user:default/reader", 200)));
    assertEquals(results(authorize(FunctionUnderTest.user("user:default/reader"), null, 200)),
        results(authorize(catalogService(), "user:default/reader", 200)));
    assertEquals("read=DENY register=DENY", results(authorize(catalogService(), "user:default/jdoe", 200)));
  }
}
