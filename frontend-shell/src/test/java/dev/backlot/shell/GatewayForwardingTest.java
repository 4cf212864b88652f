package dev.backlot.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlot.local.bench.Browser;
import dev.backlot.platform.http.Json;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the shell passes between the browser and the gateway when either side sends what it should
 * not: forwarding headers a browser made up never steer where the shell forwards or redirects to,
 * and a response from behind the gateway never replaces the browser rules the shell sets.
 */
class GatewayForwardingTest {
  static Browser ada;

  /** SignInTest's shell, gateway and provider, started for this class alone. */
  @BeforeAll
  static void start() throws Exception {
    SignInTest.start();
    ada = SignInTest.signedInAsAda();
  }

  @AfterAll
  static void stop() throws Exception {
    SignInTest.stop();
  }

  /** Ada's call of the gateway's whoami with {@code headers} added, as the gateway saw it. */
  static JsonNode whoamiWith(String... headers) throws Exception {
    HttpResponse<String> response = ada.send(HttpRequest.newBuilder(SignInTest.shell("/api/catalog/whoami")).headers(headers).build());
    assertEquals(200, response.statusCode(), response.body());
    return Json.MAPPER.readTree(response.body());
  }

  @Test
  void aForwardedPrefixFromTheBrowserDoesNotChangeThePathTheShellForwards() throws Exception {
    // With the prefix honoured, Ada's call would reach /api/other-plugin/api/catalog/whoami, or
    // climb out of /api/catalog: a route of another plugin, reached with her token.
    for (String prefix : List.of("/api/other-plugin", "/api/catalog/../../admin", "/..;/admin")) {
      JsonNode seen = whoamiWith("X-Forwarded-Prefix", prefix);
      assertEquals("/api/catalog/whoami", seen.path("path").asText(), prefix);
      assertEquals("user:default/ada.lovelace", seen.path("subject").asText());
    }
  }

  @Test
  void theGatewayHearsOfNoForwardingHeaderTheBrowserMadeUp() throws Exception {
    JsonNode forwarding = whoamiWith("X-Forwarded-Prefix", "/elsewhere", "X-Forwarded-Host", "attacker.example",
        "X-Forwarded-Port", "8443", "Forwarded", "for=10.1.2.3;host=attacker.example;proto=https").path("forwardingHeaders");
    assertEquals(Json.MAPPER.readTree("{\"x-forwarded-for\":[\"127.0.0.1\"]}"), forwarding, "only the shell's own word on the client");
  }

  @Test
  void theGatewayHearsOfTheClientTheFrontEndVouchesForNotOfOnesTheBrowserPrepended() throws Exception {
    // Google's front end appends the address it saw to whatever the browser sent; here this test
    // (on loopback, where the shell trusts the front end to be) plays both. A function's log takes
    // the first address of the header as the client's.
    JsonNode forwarding = whoamiWith("X-Forwarded-For", "203.0.113.66, 198.51.100.7").path("forwardingHeaders");
    assertEquals(Json.MAPPER.readTree("{\"x-forwarded-for\":[\"198.51.100.7\"]}"), forwarding);
  }

  @Test
  void aForwardedHostFromTheBrowserDoesNotChooseWhereTheShellRedirects() throws Exception {
    // A cache or a link that stored this answer would send every later visitor to the attacker's sign-in page.
    HttpResponse<Void> redirect = HttpClient.newHttpClient().send(HttpRequest.newBuilder(SignInTest.shell("/catalog"))
        .header("Accept", "text/html").header("X-Forwarded-Host", "attacker.example").header("X-Forwarded-Port", "443")
        .header("X-Forwarded-Prefix", "/phish").build(), HttpResponse.BodyHandlers.discarding());
    assertEquals(302, redirect.statusCode());
    assertEquals(SignInTest.shell("/oauth2/authorization/okta").toString(), redirect.headers().firstValue("Location").orElseThrow());
  }

  @Test
  void aResponseFromBehindTheGatewayCannotLoosenTheShellsBrowserRules() throws Exception {
    HttpResponse<String> page = ada.get(SignInTest.shell("/api/catalog/page-with-its-own-policy"));
    assertEquals(200, page.statusCode());
    String policy = page.headers().allValues("Content-Security-Policy").toString();
    assertEquals(List.of(ada.get(SignInTest.shell("/healthcheck")).headers().firstValue("Content-Security-Policy").orElseThrow()),
        page.headers().allValues("Content-Security-Policy"), policy);
    assertEquals(List.of("strict-origin-when-cross-origin"), page.headers().allValues("Referrer-Policy"));
    assertEquals(List.of("DENY"), page.headers().allValues("X-Frame-Options"));
    assertEquals(List.of("nosniff"), page.headers().allValues("X-Content-Type-Options"));
  }
}
