package dev.backlot.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backlot.local.bench.Browser;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the shell passes between the browser and the gateway when either side sends what it should
 * not: a response from behind the gateway never replaces the browser rules the shell sets.
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
