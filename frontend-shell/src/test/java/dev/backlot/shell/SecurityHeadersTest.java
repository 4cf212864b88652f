package dev.backlot.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlot.testing.TestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.ClassPathResource;

/**
 * What every response of the shell tells the browser to enforce, signed in or not: a Content
 * Security Policy under which a script an entity's author slipped into the page (a
 * {@code javascript:} link, an injected {@code <script>}) does not run, and no other site frames
 * the portal or learns its paths. The shells here sign in with an Okta org they never reach.
 */
class SecurityHeadersTest {
  static final String ISSUER = "https://127.0.0.1:9/oauth2/default";
  static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
      + "font-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self' https://127.0.0.1:9";
  static final String POLICY_WITH_GA4 = "default-src 'self'; script-src 'self' https://*.googletagmanager.com; style-src 'self'; "
      + "img-src 'self' data: https://*.google-analytics.com https://*.googletagmanager.com; "
      + "connect-src 'self' https://*.google-analytics.com https://*.analytics.google.com https://*.googletagmanager.com; "
      + "font-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self' https://127.0.0.1:9";
  static {
    // Before this class's client makes the JVM's SSL context: the other shell tests need it trusting their provider.
    LocalProviderTrust.certificate();
  }

  private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  static ConfigurableApplicationContext shell;
  static ConfigurableApplicationContext shellWithAnalytics;

  @BeforeAll
  static void start() {
    shell = startShell();
    shellWithAnalytics = startShell("--app.analytics.ga4.measurement-id=G-HEADERSTEST");
  }

  @AfterAll
  static void stop() throws Exception {
    SignInTest.closeAll(shell, shellWithAnalytics);
  }

  static ConfigurableApplicationContext startShell(String... extra) {
    List<String> args = new ArrayList<>(List.of("--server.port=0", "--okta.oauth2.issuer=" + ISSUER,
        "--okta.oauth2.client-id=headers-test", "--okta.oauth2.client-secret=headers-test", "--backend.base-url=http://127.0.0.1:9",
        "--backend.auth.user-tokens.signing-key=" + SignInTest.CURRENT_KEY.toJSONString(),
        "--backend.auth.service-tokens.local.private-key=" + TestTokens.serviceKey().toJSONString()));
    args.addAll(List.of(extra));
    return SpringApplication.run(ShellApplication.class, args.toArray(String[]::new));
  }

  static HttpResponse<String> get(ConfigurableApplicationContext shell, String path) throws Exception {
    int port = ((WebServerApplicationContext) shell).getWebServer().getPort();
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Accept", "text/html,*/*;q=0.8").build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void everyKindOfResponseCarriesThePolicyThatRunsScriptsOfTheShellsOwnOriginOnly() throws Exception {
    // A public page, the published keys, the redirect to sign-in, a refused API call, a missing asset.
    for (String path : List.of("/healthcheck", "/.well-known/jwks.json", "/sign-in-problem", "/", "/api/catalog/entities", "/assets/x.js")) {
      HttpResponse<String> response = get(shell, path);
      assertEquals(List.of(POLICY), response.headers().allValues("Content-Security-Policy"), path + " " + response.statusCode());
      // Cross-origin the browser sends the portal's origin only, never a path or search naming an entity.
      assertEquals(List.of("strict-origin-when-cross-origin"), response.headers().allValues("Referrer-Policy"), path);
      assertEquals(List.of("nosniff"), response.headers().allValues("X-Content-Type-Options"), path);
      assertEquals(List.of("DENY"), response.headers().allValues("X-Frame-Options"), path);
    }
  }

  @Test
  void theWebUisPageNeedsNoInlineScriptOrStyleThePolicyWouldRefuse() throws Exception {
    Assumptions.assumeTrue(new WebUi().isBuilt(), "the shell was built without its web UI (-Dbacklot.ui.skip)");
    String page = new ClassPathResource("static/index.html").getContentAsString(StandardCharsets.UTF_8);
    List<String> scripts = Pattern.compile("<script[^>]*>").matcher(page).results().map(MatchResult::group).toList();
    assertFalse(scripts.isEmpty(), page);
    scripts.forEach(script -> assertTrue(script.contains(" src=\"/assets/"), "a script from a file of the shell's: " + script));
    assertFalse(Pattern.compile("<style|\\sstyle=|\\son[a-z]+=").matcher(page).find(), "no inline style or event handler: " + page);
  }

  @Test
  void withGoogleAnalyticsThePolicyAlsoAdmitsGa4sOriginsAndNothingElse() throws Exception {
    HttpResponse<String> response = get(shellWithAnalytics, "/");
    assertEquals(302, response.statusCode());
    assertEquals(List.of(POLICY_WITH_GA4), response.headers().allValues("Content-Security-Policy"));
    assertTrue(get(shell, "/healthcheck").headers().firstValue("Content-Security-Policy").orElseThrow().indexOf("google") < 0,
        "without a measurement id no Google origin is admitted");
  }
}
