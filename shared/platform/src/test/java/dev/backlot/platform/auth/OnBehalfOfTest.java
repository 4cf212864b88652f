package dev.backlot.platform.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlot.platform.BacklotFunction;
import dev.backlot.platform.Plugin;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.http.Access;
import dev.backlot.platform.http.Json;
import dev.backlot.platform.http.Router;
import dev.backlot.platform.manifest.PluginManifest;
import dev.backlot.testing.InProcessHttp;
import dev.backlot.testing.TestTokens;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A service of {@code backend.auth.onBehalfOf} calling as a person it names, and the attacks: a
 * service not listed, a person naming someone else (directly or through a service forwarding
 * their token), and malformed refs.
 */
class OnBehalfOfTest {
  static final PluginManifest MANIFEST = new PluginManifest("sample", "x.Sample", "/api/sample", false, false,
      List.of(), List.of(), "/healthcheck", List.of(), PluginManifest.Resources.DEFAULT);
  static final Config CONFIG = Config.of(TestTokens.withAuth(Map.of(
      "backend", Map.of("auth", Map.of("onBehalfOf", List.of("scaffolder"))),
      "backlot", Map.of("auth", Map.of("adminGroups", List.of("group:default/admins"))))));

  static final class Sample extends BacklotFunction {
    Sample() {
      super(Plugin.start(MANIFEST, CONFIG, Sample.class.getClassLoader()));
    }

    @Override
    protected void routes(Router router, Plugin plugin) {
      router.get("/whoami", Access.SIGNED_IN, request -> request.identity());
      router.get("/admin", Access.admins(), request -> request.identity());
    }
  }

  static final Sample SAMPLE = new Sample();

  static InProcessHttp.Answer get(String path, Map<String, String> headers) throws Exception {
    return InProcessHttp.send(SAMPLE, "GET", "/api/sample" + path, Map.of(), headers, new byte[0]);
  }

  static Map<String, String> asService(String service, String person, String ownership) {
    Map<String, String> headers = new HashMap<>();
    headers.put("Authorization", ServiceTokens.fromConfig(CONFIG, service).authorizationFor("sample"));
    headers.put(OnBehalfOf.HEADER, person);
    if (ownership != null) {
      headers.put(OnBehalfOf.OWNERSHIP_HEADER, ownership);
    }
    return headers;
  }

  @Test
  void aListedServiceCallsAsThePersonItNamesWithTheirOwnershipRefs() throws Exception {
    InProcessHttp.Answer answer = get("/whoami", asService("scaffolder", "user:default/alice", "group:default/team-a"));
    assertEquals(200, answer.status(), answer.text());
    JsonNode who = Json.MAPPER.readTree(answer.body());
    assertEquals("USER", who.path("kind").asText());
    assertEquals("user:default/alice", who.path("subject").asText());
    assertEquals("[\"user:default/alice\",\"group:default/team-a\"]", who.path("ownershipRefs").toString());
    assertEquals("plugin:scaffolder", who.path("actingService").asText());
  }

  @Test
  void thePersonsOwnRulesApplyAnAdminPassesAndAnotherDoesNot() throws Exception {
    assertEquals(403, get("/admin", asService("scaffolder", "user:default/alice", "group:default/team-a")).status());
    assertEquals(200, get("/admin", asService("scaffolder", "user:default/root", "group:default/admins")).status());
  }

  @Test
  void aServiceNotListedMayNotNameAPerson() throws Exception {
    InProcessHttp.Answer answer = get("/whoami", asService("github", "user:default/root", "group:default/admins"));
    assertEquals(403, answer.status());
    assertTrue(answer.text().contains("plugin:github may not call on behalf of a person"), answer.text());
  }

  @Test
  void aPersonCannotMakeThemselvesSomeoneElse() throws Exception {
    Map<String, String> headers = new HashMap<>(Map.of("Authorization", "Bearer " + TestTokens.userToken("user:default/mallory"),
        OnBehalfOf.HEADER, "user:default/root", OnBehalfOf.OWNERSHIP_HEADER, "group:default/admins"));
    assertEquals(403, get("/admin", headers).status());
    assertEquals(403, get("/whoami", headers).status());
    // Nor through a listed service that forwards their token (as API Gateway passes headers on).
    headers.put("X-Forwarded-Authorization", headers.get("Authorization"));
    headers.put("Authorization", ServiceTokens.fromConfig(CONFIG, "scaffolder").authorizationFor("sample"));
    assertEquals(403, get("/whoami", headers).status());
  }

  @Test
  void malformedRefsAreA400() throws Exception {
    assertEquals(400, get("/whoami", asService("scaffolder", "group:default/admins", null)).status());
    assertEquals(400, get("/whoami", asService("scaffolder", "user:default/alice", "group:default/a,role:default/x")).status());
    assertEquals(400, get("/whoami", asService("scaffolder", "user:default/alice\nX: y", null)).status());
  }
}
