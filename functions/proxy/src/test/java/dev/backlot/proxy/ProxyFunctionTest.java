package dev.backlot.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlot.platform.config.ConfigLoader;
import dev.backlot.platform.http.Json;
import dev.backlot.testing.TestTokens;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Backstage's proxy config, unchanged, forwarding to a real target on loopback through the real invoker. */
class ProxyFunctionTest {
  private static final String TOKEN = "pd-token-3c9f1a7e";
  private static TargetServer target;
  private static RunningProxy proxy;

  @BeforeAll
  static void start() throws Exception {
    target = TargetServer.start();
    // The config as an operator writes it: YAML (JSON is YAML) with an environment variable and a
    // Secret Manager reference, resolved by the platform's loader as in production.
    String url = target.url();
    Map<String, Object> config = TestTokens.withAuth(Map.of("proxy", Map.of("endpoints", Map.of(
        "/pagerduty", Map.of("target", url + "/pd", "internal", true,
            "headers", Map.of("Authorization", "Token token=${PAGERDUTY_TOKEN}", "X-Secret-Source", Map.of("$secret", "pd-extra"))),
        "/short", url,
        "/readonly", Map.of("target", url, "internal", true, "allowedMethods", List.of("GET")),
        "/rewritten", Map.of("target", url, "internal", true, "pathRewrite", Map.of("^/api/proxy/rewritten/v1/", "/v2/")),
        "/keephost", Map.of("target", url, "internal", true, "changeOrigin", false),
        "/public", Map.of("target", url, "internal", true, "credentials", "dangerously-allow-unauthenticated"),
        "/forward", Map.of("target", url, "internal", true, "credentials", "forward")))));
    Path dir = Files.createTempDirectory("proxy-config");
    Files.writeString(dir.resolve("app-config.yaml"), Json.MAPPER.writeValueAsString(config));
    Map<String, String> env = Map.of("PAGERDUTY_TOKEN", TOKEN, "PD_EXTRA", "extra-secret-81d2");
    proxy = RunningProxy.start(ConfigLoader.fromEnvironment().directory(dir).env("test").environment(env::get).load());
  }

  @AfterAll
  static void stop() throws Exception {
    proxy.close();
    target.close();
  }

  @BeforeEach
  void reset() {
    target.reset();
  }

  @Test
  void aRequestBelowTheRouteGoesToTheTargetPathWithItsQuery() throws Exception {
    var response = proxy.get("/api/proxy/pagerduty/services/P123?include%5B%5D=teams&limit=5");
    assertEquals(200, response.statusCode(), response.body());
    assertEquals("GET /pd/services/P123?include%5B%5D=teams&limit=5", response.body());
    assertEquals("text/plain", response.headers().firstValue("Content-Type").orElseThrow());
  }

  @Test
  void theRouteItselfIsTheTargetsBasePath() throws Exception {
    assertEquals("GET /pd/", proxy.get("/api/proxy/pagerduty").body());
    assertEquals("GET /", proxy.get("/api/proxy/readonly/").body());
  }

  @Test
  void theEndpointsHeadersCarryResolvedSecretsToTheTargetOnly() throws Exception {
    var response = proxy.get("/api/proxy/pagerduty/incidents");
    TargetServer.Received received = target.received().getFirst();
    assertEquals("Token token=" + TOKEN, received.header("authorization"), "the caller's own token is replaced");
    assertEquals("extra-secret-81d2", received.header("x-secret-source"));
    assertFalse(response.body().contains(TOKEN));
    assertFalse(response.headers().map().toString().contains(TOKEN));
  }

  @Test
  void theShortStringFormIsATargetWithDefaults() throws Exception {
    // No internal: true, so the loopback target is refused: the short form has the safe defaults.
    var response = proxy.get("/api/proxy/short/x");
    assertEquals(403, response.statusCode(), response.body());
    assertEquals("NotAllowedError", Json.MAPPER.readTree(response.body()).at("/error/name").asText());
    assertTrue(target.received().isEmpty());
  }

  @Test
  void pathRewriteRulesApplyToThePathAsServed() throws Exception {
    assertEquals("GET /v2/things?a=1", proxy.get("/api/proxy/rewritten/v1/things?a=1").body());
    assertEquals("GET /api/proxy/rewritten/other", proxy.get("/api/proxy/rewritten/other").body(),
        "no rule matches: the path as served goes on, as http-proxy-middleware does");
  }

  @Test
  void hostIsTheTargetsUnlessChangeOriginIsFalse() throws Exception {
    proxy.get("/api/proxy/pagerduty/x");
    assertEquals("127.0.0.1:" + target.port(), target.received().getFirst().header("host"));
    target.reset();
    proxy.send(proxy.signedIn("/api/proxy/keephost/x"));
    assertTrue(target.received().getFirst().header("host").startsWith("127.0.0.1:"), target.received().getFirst().header("host"));
    assertFalse(target.received().getFirst().header("host").equals("127.0.0.1:" + target.port()));
  }

  @Test
  void methodsOutsideAllowedMethodsAre405() throws Exception {
    var response = proxy.send(proxy.signedIn("/api/proxy/readonly/x").POST(BodyPublishers.ofString("{}")));
    assertEquals(405, response.statusCode(), response.body());
    assertEquals("GET", response.headers().firstValue("Allow").orElseThrow());
    assertTrue(target.received().isEmpty());
  }

  @Test
  void bodiesAndMethodsGoOn() throws Exception {
    var response = proxy.send(proxy.signedIn("/api/proxy/pagerduty/incidents").header("Content-Type", "application/json")
        .method("PUT", BodyPublishers.ofString("{\"incident\":{}}")));
    assertEquals("PUT /pd/incidents", response.body());
    TargetServer.Received received = target.received().getFirst();
    assertEquals("{\"incident\":{}}", new String(received.body()));
    assertEquals("application/json", received.header("content-type"));
  }

  @Test
  void anonymousCallersAre401UnlessTheEndpointIsPublic() throws Exception {
    var anonymous = proxy.send(HttpRequest.newBuilder(proxy.uri("/api/proxy/pagerduty/x")));
    assertEquals(401, anonymous.statusCode());
    assertTrue(target.received().isEmpty());
    var open = proxy.send(HttpRequest.newBuilder(proxy.uri("/api/proxy/public/x")));
    assertEquals(200, open.statusCode(), open.body());
  }

  @Test
  void theCallersTokenGoesOnOnlyUnderCredentialsForward() throws Exception {
    String token = TestTokens.authorization();
    proxy.send(HttpRequest.newBuilder(proxy.uri("/api/proxy/readonly/x")).header("Authorization", token));
    assertNull(target.received().getFirst().header("authorization"));
    target.reset();
    proxy.send(HttpRequest.newBuilder(proxy.uri("/api/proxy/forward/x")).header("Authorization", token));
    assertEquals(token, target.received().getFirst().header("authorization"));
  }
}
