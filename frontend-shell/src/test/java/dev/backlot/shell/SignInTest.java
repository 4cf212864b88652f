package dev.backlot.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.backlot.catalog.client.CatalogClient;
import dev.backlot.catalog.client.EntityProviderMutation;
import dev.backlot.catalog.client.EntityProviderMutation.ProvidedEntity;
import dev.backlot.local.RunningFunction;
import dev.backlot.local.bench.Browser;
import dev.backlot.local.oidc.LocalOidcProvider;
import dev.backlot.local.oidc.LocalTls;
import dev.backlot.platform.auth.Identity;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.discovery.Discovery;
import dev.backlot.platform.http.HttpError;
import dev.backlot.platform.http.Json;
import dev.backlot.testing.ListeningSockets;
import dev.backlot.testing.TestTokens;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Sign-in end to end over real HTTP: the shell (local profile) against the local OIDC provider
 * over HTTPS, resolving people in the real catalog function, and forwarding to a gateway that
 * verifies every token it is given with the platform's authenticator against the shell's published
 * keys. No network but loopback.
 */
class SignInTest {
  static final String ADA = "ada.lovelace@acme.example";
  static final String LINUS = "linus.torvalds@acme.example";
  static final String GRACE = "grace.hopper@acme.example";
  static final String TWINS = "twin@acme.example";
  static final Path WORK = Path.of("target", "sign-in-test").toAbsolutePath();
  static final ECKey PREVIOUS_KEY = TestTokens.newKey("previous-user-key");
  static final ECKey CURRENT_KEY = TestTokens.newKey("current-user-key");

  static LocalTls tls;
  static LocalOidcProvider provider;
  static RunningFunction catalog;
  static CatalogClient catalogClient;
  static GatewayStub gateway;
  static ConfigurableApplicationContext shell;
  static String shellUrl;

  @BeforeAll
  static void start() throws Exception {
    Path root = Path.of("").toAbsolutePath().getParent();
    // The shell's JVM (this one) trusts the provider's certificate, as ./backlot start arranges.
    tls = LocalProviderTrust.certificate();
    provider = LocalOidcProvider.start(root, WORK.resolve("oidc"), tls, freePort());
    int shellPort = freePort();
    shellUrl = "http://localhost:" + shellPort;
    catalog = LocalFunctions.start("catalog", shellUrl + "/.well-known/jwks.json", "http://127.0.0.1:9", Map.of(), WORK);
    catalogClient = CatalogClient.create(Discovery.fromConfig(Config.of(Map.of("backend", Map.of("baseUrl", catalog.baseUrl())))),
        // The github plugin is the catalog's entity provider: the one service that may apply mutations.
        LocalFunctions.serviceTokens("github"));
    catalogClient.applyProviderMutation("sign-in-test", EntityProviderMutation.full(List.of(
        user("ada.lovelace", ADA, "payments-team"), user("linus.torvalds", LINUS, "platform-team"),
        user("twin-one", TWINS, "payments-team"), user("twin-two", TWINS, "platform-team"),
        group("payments-team"), group("platform-team"))));
    graceIsIn("payments-team");
    gateway = new GatewayStub(catalog.baseUrl());
    shell = SpringApplication.run(ShellApplication.class, shellArguments(shellPort,
        // As BACKLOT_PLUGINS arrives from the local portal or Terraform: one comma-separated string.
        "--backlot.plugins=catalog, api-docs",
        "--backend.auth.user-tokens.previous-public-keys[0]=" + PREVIOUS_KEY.toPublicJWK().toJSONString(),
        "--backlot.auth.admin-groups=group:default/platform-team",
        "--app.analytics.ga4.measurement-id=G-SIGNINTEST",
        "--backlot.links.allowed-schemes=slack"));
    gateway.verifyTokensOf(shellUrl);
  }

  /**
   * A shell on {@code port} signing in with the provider, sending API calls to the gateway and
   * finding people in the catalog directly, as discovery says; then {@code more} settings.
   */
  static String[] shellArguments(int port, String... more) {
    List<String> arguments = new ArrayList<>(List.of(
        "--server.port=" + port,
        "--spring.profiles.active=local",
        "--okta.oauth2.issuer=" + provider.issuer(),
        "--okta.oauth2.client-id=backlot-test",
        "--okta.oauth2.client-secret=test-secret",
        "--backend.base-url=" + gateway.url(),
        "--discovery.endpoints[0].target=" + catalog.baseUrl() + "/api/{{pluginId}}",
        "--discovery.endpoints[0].plugins=catalog",
        "--backend.auth.user-tokens.signing-key=" + CURRENT_KEY.toJSONString(),
        "--backend.auth.service-tokens.local.private-key=" + TestTokens.serviceKey().toJSONString()));
    arguments.addAll(List.of(more));
    return arguments.toArray(String[]::new);
  }

  static ProvidedEntity user(String name, String email, String... groups) {
    return new ProvidedEntity(Json.MAPPER.valueToTree(Map.of("apiVersion", "backstage.io/v1alpha1", "kind", "User",
        "metadata", Map.of("name", name), "spec", Map.of("profile", Map.of("email", email), "memberOf", List.of(groups)))), null);
  }

  static ProvidedEntity group(String name) {
    return new ProvidedEntity(Json.MAPPER.valueToTree(Map.of("apiVersion", "backstage.io/v1alpha1", "kind", "Group",
        "metadata", Map.of("name", name), "spec", Map.of("type", "team", "children", List.of()))), null);
  }

  /** Grace Hopper, alone under her own provider, so her memberships change without touching the others. */
  static void graceIsIn(String... groups) throws Exception {
    catalogClient.applyProviderMutation("sign-in-test-grace", EntityProviderMutation.full(List.of(user("grace.hopper", GRACE, groups))));
  }

  @AfterAll
  static void stop() throws Exception {
    closeAll(shell, gateway, catalog, provider);
  }

  /** Closes what was started, in order, skipping what never started. */
  static void closeAll(AutoCloseable... started) throws Exception {
    for (AutoCloseable resource : started) {
      if (resource != null) {
        resource.close();
      }
    }
  }

  static URI shell(String path) {
    return URI.create(shellUrl + path);
  }

  static JsonNode getJson(Browser browser, String path) throws Exception {
    HttpResponse<String> response = browser.get(shell(path));
    assertEquals(200, response.statusCode(), response.body());
    return Json.MAPPER.readTree(response.body());
  }

  /** Signs in through the provider's login page as {@code subject} with {@code claims}; returns the page it ends on. */
  static HttpResponse<String> signIn(Browser browser, String subject, String claims, List<URI> visited) throws Exception {
    HttpResponse<String> loginPage = browser.follow(browser.get(shell("/")), visited);
    assertTrue(loginPage.uri().toString().startsWith(provider.issuer() + "/authorize"),
        loginPage.uri() + " " + loginPage.statusCode() + " " + visited + "\n" + loginPage.body());
    assertTrue(loginPage.body().contains("Ada Lovelace"), "the login page lists the sample users");
    HttpResponse<String> posted = browser.postForm(loginPage.uri(), Map.of("username", subject, "claims", claims), Map.of());
    return browser.follow(posted, visited);
  }

  static Browser signedInAsAda() throws Exception {
    Browser browser = new Browser(tls.sslContext());
    HttpResponse<String> home = signIn(browser, ADA, "{\"email\":\"" + ADA + "\",\"groups\":[\"payments-team\"]}", new ArrayList<>());
    assertEquals(200, home.statusCode(), home.body());
    return browser;
  }

  @Test
  void aSampleUserSignsInWithPkceAndCallsTheCatalogThroughTheShell() throws Exception {
    Browser browser = new Browser(tls.sslContext());
    List<URI> visited = new ArrayList<>();
    HttpResponse<String> home = signIn(browser, ADA, "{\"email\":\"" + ADA + "\",\"groups\":[\"payments-team\"]}", visited);

    URI authorize = visited.stream().filter(uri -> uri.getPath().endsWith("/authorize")).findFirst().orElseThrow();
    assertTrue(authorize.getQuery().contains("code_challenge_method=S256"), "PKCE: " + authorize);
    assertEquals("/", home.uri().getPath());
    assertTrue(home.body().contains(new WebUi().isBuilt() ? "<div id=\"root\">" : "user:default/ada.lovelace"), home.body());
    // The web UI's header learns who is signed in from the shell itself.
    JsonNode identity = getJson(browser, "/api/whoami");
    assertEquals("user:default/ada.lovelace", identity.path("userRef").asText());
    assertEquals(List.of("user:default/ada.lovelace", "group:default/payments-team"),
        Json.MAPPER.convertValue(identity.path("ownershipRefs"), List.class));
    assertEquals(ADA, identity.path("email").asText());
    assertFalse(identity.path("catalogAdmin").asBoolean(), "Ada is in no admin group, so the UI offers her no catalog changes");

    // What the UI builds its sidebar and analytics from, answered by the shell, not the gateway.
    JsonNode app = getJson(browser, "/api/app/config");
    assertEquals(List.of("catalog", "api-docs"), Json.MAPPER.convertValue(app.path("plugins"), List.class));
    assertEquals("G-SIGNINTEST", app.path("analytics").path("ga4").path("measurementId").asText());
    assertEquals(List.of("http", "https", "mailto", "slack"), Json.MAPPER.convertValue(app.path("links").path("allowedSchemes"), List.class));

    JsonNode caller = getJson(browser, "/api/catalog/whoami");
    assertEquals("user:default/ada.lovelace", caller.path("subject").asText());
    assertEquals(List.of("user:default/ada.lovelace", "group:default/payments-team"),
        Json.MAPPER.convertValue(caller.path("ownership"), List.class));
    assertEquals("null", caller.path("cookie").asText(), "the browser's cookies stay at the shell");
    assertEquals(0, gateway.serviceCalls.get(), "the shell asked the catalog where discovery says it is, not through the gateway");
    // The browser holds a session and a CSRF token, never a token.
    assertNotNull(browser.cookie("JSESSIONID"));
    assertNotNull(browser.cookie("XSRF-TOKEN"));
    for (var cookie : browser.cookies()) {
      assertFalse(cookie.getValue().startsWith("eyJ"), "a JWT in a cookie: " + cookie);
    }
  }

  @Test
  void theSessionCookieIsHttpOnlyAndBothCookiesAreSameSiteLax() throws Exception {
    // Over http://localhost (the local profile) they cannot be Secure; ShellImageIT checks that
    // they are everywhere else.
    HttpResponse<Void> first = HttpClient.newHttpClient().send(HttpRequest.newBuilder(shell("/")).header("Accept", "text/html").build(),
        HttpResponse.BodyHandlers.discarding());
    String session = setCookie(first, "JSESSIONID");
    assertTrue(session.contains("; HttpOnly") && session.contains("; SameSite=Lax") && !session.contains("; Secure"), session);
    String csrf = setCookie(first, "XSRF-TOKEN");
    assertTrue(csrf.contains("; SameSite=Lax") && !csrf.contains("HttpOnly"), "the web UI reads it: " + csrf);
  }

  static String setCookie(HttpResponse<?> response, String name) {
    return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "=")).findFirst()
        .orElseThrow(() -> new AssertionError("no " + name + " cookie in " + response.headers().allValues("Set-Cookie")));
  }

  @Test
  void signInByTheEmailsLocalPartAndWithoutACatalogUserWhenConfigured() throws Exception {
    try (ConfigurableApplicationContext lenient = SpringApplication.run(ShellApplication.class, shellArguments(0,
        "--backlot.auth.sign-in.resolver=emailLocalPartMatchingUserEntityName",
        "--backlot.auth.sign-in.allow-without-catalog-user=true"))) {
      String url = "http://localhost:" + ((WebServerApplicationContext) lenient).getWebServer().getPort();
      // Ada's profile email names another domain: only her local part matches a User's name.
      Browser ada = new Browser(tls.sslContext());
      assertEquals(200, signInAt(url, ada, "ada.lovelace@elsewhere.example", "[\"ignored-team\"]").statusCode());
      JsonNode adaIdentity = Json.MAPPER.readTree(ada.get(URI.create(url + "/api/whoami")).body());
      assertEquals("user:default/ada.lovelace", adaIdentity.path("userRef").asText());
      assertEquals(List.of("user:default/ada.lovelace", "group:default/payments-team"),
          Json.MAPPER.convertValue(adaIdentity.path("ownershipRefs"), List.class), "ownership comes from the catalog, not the provider");
      // Someone the catalog does not know is let in as their local part, owning through the provider's groups.
      Browser stranger = new Browser(tls.sslContext());
      assertEquals(200, signInAt(url, stranger, "Grace.Stranger@acme.example", "[\"Ops\"]").statusCode());
      JsonNode strangerIdentity = Json.MAPPER.readTree(stranger.get(URI.create(url + "/api/whoami")).body());
      assertEquals("user:default/grace.stranger", strangerIdentity.path("userRef").asText());
      assertEquals(List.of("user:default/grace.stranger", "group:default/ops"),
          Json.MAPPER.convertValue(strangerIdentity.path("ownershipRefs"), List.class));
    }
  }

  private static HttpResponse<String> signInAt(String shellUrl, Browser browser, String email, String groups) throws Exception {
    HttpResponse<String> loginPage = browser.follow(browser.get(URI.create(shellUrl + "/")), new ArrayList<>());
    return browser.follow(browser.postForm(loginPage.uri(), Map.of("username", email,
        "claims", "{\"email\":\"" + email + "\",\"groups\":" + groups + "}"), Map.of()), new ArrayList<>());
  }

  @Test
  void aDeepLinkLeadsThroughSignInBackToTheWebUisPage() throws Exception {
    Assumptions.assumeTrue(new WebUi().isBuilt(), "the shell was built without its web UI (-Dbacklot.ui.skip)");
    Browser browser = new Browser(tls.sslContext());
    List<URI> visited = new ArrayList<>();
    HttpResponse<String> loginPage = browser.follow(browser.get(shell("/catalog/default/component/payments?tab=x")), visited);
    HttpResponse<String> page = browser.follow(browser.postForm(loginPage.uri(),
        Map.of("username", ADA, "claims", "{\"email\":\"" + ADA + "\"}"), Map.of()), visited);

    // Spring Security marks the replayed request with a "continue" parameter, which the UI ignores.
    assertEquals("/catalog/default/component/payments", page.uri().getPath(), "back where the link pointed: " + visited);
    assertTrue(page.uri().getQuery().startsWith("tab=x"), page.uri().toString());
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("<div id=\"root\">"), page.body());
    // A reload of any client route is the same page; files are files, and a missing file is a 404.
    assertTrue(browser.get(shell("/no/such/page")).body().contains("<div id=\"root\">"));
    Matcher script = Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"").matcher(page.body());
    assertTrue(script.find(), page.body());
    HttpResponse<String> asset = browser.get(shell(script.group(1)));
    assertEquals(200, asset.statusCode());
    assertTrue(asset.headers().firstValue("Cache-Control").orElse("").contains("immutable"), asset.headers().toString());
    assertEquals(404, browser.get(shell("/assets/missing.js")).statusCode());
    assertEquals(404, browser.get(shell("/api/catalog/no-such-route")).statusCode(), "API paths never fall back to the page");
  }

  @Test
  void someoneTheCatalogDoesNotKnowIsToldWhy() throws Exception {
    Browser browser = new Browser(tls.sslContext());
    HttpResponse<String> page = signIn(browser, "someone.else@acme.example",
        "{\"email\":\"someone.else@acme.example\",\"groups\":[]}", new ArrayList<>());
    assertEquals(shell("/sign-in-problem"), page.uri());
    assertTrue(page.body().contains("no User entity"), page.body());
    assertTrue(page.body().contains("someone.else@acme.example"), page.body());
    assertEquals(401, browser.get(shell("/api/catalog/whoami")).statusCode());
  }

  @Test
  void aPostWithoutTheCsrfTokenIsRefusedAndOneWithItGoesThrough() throws Exception {
    Browser browser = signedInAsAda();
    HttpRequest.Builder post = HttpRequest.newBuilder(shell("/api/catalog/echo"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"hello\":1}"));
    assertEquals(403, browser.send(post.build()).statusCode());

    String csrf = browser.cookie("XSRF-TOKEN");
    assertNotNull(csrf, "the shell hands the browser a CSRF token cookie");
    HttpResponse<String> echoed = browser.send(post.header("X-XSRF-TOKEN", csrf).build());
    assertEquals(200, echoed.statusCode());
    assertEquals("{\"hello\":1}", echoed.body());
  }

  @Test
  void largeResponsesStreamThrough() throws Exception {
    Browser browser = signedInAsAda();
    HttpResponse<InputStream> large = browser.send(HttpRequest.newBuilder(shell("/api/catalog/large")).build(),
        HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, large.statusCode());
    long bytes = 0;
    byte[] buffer = new byte[64 * 1024];
    try (InputStream body = large.body()) {
      for (int read; (read = body.read(buffer)) > 0; ) {
        bytes += read;
        gateway.largeBodyFirstBytesRead.countDown();
      }
    }
    assertEquals(GatewayStub.LARGE_BODY_BYTES, bytes);
    assertTrue(gateway.largeBodyReleasedByReader, "the first bytes reached the browser while the gateway still held the rest");
  }

  @Test
  void signingOutEndsBothSessions() throws Exception {
    Browser browser = signedInAsAda();
    // The sign-out form carries the token the XSRF-TOKEN cookie holds, as the web UI's does.
    String csrf = browser.cookie("XSRF-TOKEN");
    assertNotNull(csrf);
    List<URI> visited = new ArrayList<>();
    HttpResponse<String> signedOut = browser.follow(browser.postForm(shell("/logout"), Map.of("_csrf", csrf), Map.of()), visited);

    assertTrue(visited.stream().anyMatch(uri -> uri.toString().startsWith(provider.issuer() + "/endsession")),
        "RP-initiated logout at the provider: " + visited);
    assertEquals(shell("/signed-out"), signedOut.uri());
    HttpResponse<String> again = browser.get(shell("/"));
    assertEquals(302, again.statusCode(), "signed out, / sends to sign-in again");
    assertEquals(401, browser.get(shell("/api/catalog/whoami")).statusCode());
  }

  @Test
  void healthAndKeysArePublicAndApiCallsNeedASession() throws Exception {
    Browser browser = new Browser(tls.sslContext());
    HttpResponse<String> health = browser.get(shell("/healthcheck"));
    assertEquals(200, health.statusCode());
    assertEquals("{\"status\":\"ok\"}", health.body());
    assertEquals(401, browser.get(shell("/api/catalog/whoami")).statusCode());
  }

  @Test
  void locallyTheShellAndTheProviderListenOnLoopbackOnly() throws Exception {
    Assumptions.assumeTrue(ListeningSockets.readable(), "no /proc/net/tcp to read listening sockets from");
    // On every interface, anyone on the developer's network could sign in as a sample user.
    for (int port : List.of(((WebServerApplicationContext) shell).getWebServer().getPort(), URI.create(provider.issuer()).getPort())) {
      List<InetAddress> addresses = ListeningSockets.on(port);
      assertFalse(addresses.isEmpty(), "nothing listens on " + port);
      assertTrue(addresses.stream().allMatch(InetAddress::isLoopbackAddress), port + " listens on " + addresses);
    }
  }

  @Test
  void theKeysPublishedIncludeThePreviousOneSoItsTokensStayValid() throws Exception {
    JWKSet published = JWKSet.parse(new Browser(tls.sslContext()).get(shell("/.well-known/jwks.json")).body());
    assertNotNull(published.getKeyByKeyId("current-user-key"));
    assertNotNull(published.getKeyByKeyId("previous-user-key"));
    assertTrue(published.getKeys().stream().noneMatch(key -> key.isPrivate()), "public halves only");

    String signedBefore = TestTokens.sign(PREVIOUS_KEY, claims("user:default/grace.hopper").build());
    Identity before = gateway.identify("Bearer " + signedBefore);
    assertEquals("user:default/grace.hopper", before.subject());

    String signedByAnother = TestTokens.sign(TestTokens.newKey("unpublished-key"), claims("user:default/grace.hopper").build());
    assertThrows(HttpError.class, () -> gateway.identify("Bearer " + signedByAnother));
  }

  /** Signs in as {@code email} with the provider's {@code claims}; returns the page it ends on. */
  static HttpResponse<String> signInWith(Browser browser, String email, String claims) throws Exception {
    return signIn(browser, email, claims, new ArrayList<>());
  }

  @Test
  void anEmailWrittenAsACatalogFilterSignsInAsNobodyElse() throws Exception {
    // Mallory's identity provider lets her choose her email; the old look-up pasted it into
    // filter=kind=user,spec.profile.email=<email>, where each comma starts another condition.
    String crafted = "mallory@evil.example,spec.profile.email=" + LINUS;
    Browser mallory = new Browser(tls.sslContext());
    HttpResponse<String> page = signInWith(mallory, crafted, Json.MAPPER.writeValueAsString(Map.of("email", crafted)));

    assertEquals(shell("/sign-in-problem"), page.uri(), "signed in as " + mallory.get(shell("/api/whoami")).body());
    assertTrue(page.body().contains("no User entity"), page.body());
    assertEquals(401, mallory.get(shell("/api/whoami")).statusCode());
  }

  @Test
  void anEmailTheProviderHasNotVerifiedIsRefusedAndAVerifiedOneLetIn() throws Exception {
    Browser unverified = new Browser(tls.sslContext());
    HttpResponse<String> page = signInWith(unverified, ADA, "{\"email\":\"" + ADA + "\",\"email_verified\":false}");
    assertEquals(shell("/sign-in-problem"), page.uri());
    assertTrue(page.body().contains("has not verified"), page.body());
    assertEquals(401, unverified.get(shell("/api/whoami")).statusCode());

    Browser verified = new Browser(tls.sslContext());
    assertEquals(200, signInWith(verified, ADA, "{\"email\":\"" + ADA + "\",\"email_verified\":true}").statusCode());
    assertEquals("user:default/ada.lovelace", getJson(verified, "/api/whoami").path("userRef").asText());
  }

  @Test
  void twoUsersWithOneEmailAreRefusedAndLoggedWhicheverComesFirst() throws Exception {
    Logger log = (Logger) LoggerFactory.getLogger("dev.backlot.shell.IdentityResolution");
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    log.addAppender(logged);
    try {
      Browser twin = new Browser(tls.sslContext());
      HttpResponse<String> page = signInWith(twin, TWINS, "{\"email\":\"" + TWINS + "\"}");

      assertEquals(shell("/sign-in-problem"), page.uri(), "signed in as " + twin.get(shell("/api/whoami")).body());
      assertTrue(page.body().contains("user:default/twin-one") && page.body().contains("user:default/twin-two"), page.body());
      assertEquals(401, twin.get(shell("/api/whoami")).statusCode());
      assertTrue(logged.list.stream().anyMatch(event -> event.getFormattedMessage().contains(TWINS)
          && event.getFormattedMessage().contains("user:default/twin-one") && event.getFormattedMessage().contains("user:default/twin-two")),
          "logged: " + logged.list);
    } finally {
      log.detachAppender(logged);
    }
  }

  @Test
  void leavingAGroupInTheCatalogReachesTheNextTokenTheShellMints() throws Exception {
    // Tokens of 30 s: each is renewed a minute before it expires, so every call mints one.
    try (ConfigurableApplicationContext shortTokens = SpringApplication.run(ShellApplication.class,
        shellArguments(0, "--backend.auth.user-tokens.lifetime=30s"))) {
      String url = "http://localhost:" + ((WebServerApplicationContext) shortTokens).getWebServer().getPort();
      Browser grace = new Browser(tls.sslContext());
      assertEquals(200, signInAt(url, grace, GRACE, "[]").statusCode());
      JsonNode before = Json.MAPPER.readTree(grace.get(URI.create(url + "/api/catalog/whoami")).body());
      assertEquals(List.of("user:default/grace.hopper", "group:default/payments-team"),
          Json.MAPPER.convertValue(before.path("ownership"), List.class));

      graceIsIn();
      JsonNode after = Json.MAPPER.readTree(grace.get(URI.create(url + "/api/catalog/whoami")).body());
      assertEquals(List.of("user:default/grace.hopper"), Json.MAPPER.convertValue(after.path("ownership"), List.class),
          "the group she left is not in the token minted after");
      JsonNode whoami = Json.MAPPER.readTree(grace.get(URI.create(url + "/api/whoami")).body());
      assertEquals(List.of("user:default/grace.hopper"), Json.MAPPER.convertValue(whoami.path("ownershipRefs"), List.class));
    } finally {
      graceIsIn("payments-team");
    }
  }

  static JWTClaimsSet.Builder claims(String subject) {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder().issuer("backlot").audience("backlot").subject(subject)
        .claim("ent", List.of(subject)).issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(15))));
  }

  static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
