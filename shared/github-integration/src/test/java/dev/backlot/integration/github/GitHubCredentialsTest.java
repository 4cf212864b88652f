package dev.backlot.integration.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.config.ConfigException;
import dev.backlot.testing.MovableClock;
import dev.backlot.testing.TestGitHubApp;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** App and token credentials against a WireMock GitHub API; the clock is moved by hand. */
class GitHubCredentialsTest {
  private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");
  private static final TestGitHubApp APP = new TestGitHubApp();

  private final WireMockServer github = new WireMockServer(options().dynamicPort());
  private final MovableClock clock = new MovableClock(NOW);

  @BeforeEach
  void start() {
    github.start();
    github.stubFor(get(urlPathEqualTo("/app/installations")).willReturn(okJson(TestGitHubApp.installations("octo-user", "Acme"))));
  }

  @AfterEach
  void stop() {
    github.stop();
  }

  private GitHubCredentials credentials(Map<String, Object> app, Optional<String> token) {
    Map<String, Object> entry = new HashMap<>(Map.of("host", "github.com", "apiBaseUrl", github.baseUrl(), "apps", List.of(app)));
    token.ifPresent(t -> entry.put("token", t));
    return GitHubCredentials.fromConfig(Config.of(Map.of("integrations", Map.of("github", List.of(entry)))), clock);
  }

  private GitHubCredentials credentials(String privateKey) {
    return credentials(Map.of("appId", TestGitHubApp.APP_ID, "privateKey", privateKey, "clientId", "Iv1.8a61f9b3a7aba766",
        "clientSecret", "client-secret", "webhookSecret", "webhook-secret"), Optional.empty());
  }

  private void tokenAnswers(String token, Instant expiresAt) {
    github.stubFor(post(urlEqualTo("/app/installations/1001/access_tokens"))
        .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json; charset=utf-8")
            .withBody(TestGitHubApp.accessToken(token, expiresAt))));
  }

  @Test
  void theAppJwtIsSignedByTheAppsKeyWithGitHubsClaims() throws Exception {
    tokenAnswers("ghs_first", NOW.plus(Duration.ofHours(1)));
    assertEquals(Optional.of("Bearer ghs_first"), credentials(APP.pkcs8Pem()).authorizationFor("github.com", "acme"));

    LoggedRequest listing = github.findAll(getRequestedFor(urlPathEqualTo("/app/installations"))).get(0);
    SignedJWT jwt = SignedJWT.parse(listing.getHeader("Authorization").substring("Bearer ".length()));
    assertEquals(JWSAlgorithm.RS256, jwt.getHeader().getAlgorithm());
    assertTrue(jwt.verify(new RSASSAVerifier(APP.publicKey())), "signed with the app's private key");
    assertEquals(TestGitHubApp.APP_ID, jwt.getJWTClaimsSet().getIssuer());
    assertEquals(NOW.minusSeconds(60), jwt.getJWTClaimsSet().getIssueTime().toInstant());
    assertEquals(NOW.plus(Duration.ofMinutes(9)), jwt.getJWTClaimsSet().getExpirationTime().toInstant());
    github.verify(postRequestedFor(urlEqualTo("/app/installations/1001/access_tokens")));
  }

  @Test
  void anInstallationTokenIsMintedOnceAndMintedAgainWhenItExpires() throws IOException {
    tokenAnswers("ghs_first", NOW.plus(Duration.ofHours(1)));
    GitHubCredentials credentials = credentials(APP.pkcs1Pem());
    assertEquals(Optional.of("Bearer ghs_first"), credentials.authorizationFor("github.com", "acme"));
    clock.advance(Duration.ofMinutes(30));
    assertEquals(Optional.of("Bearer ghs_first"), credentials.authorizationFor("GitHub.com", "ACME"), "host and owner case-insensitively");
    github.verify(1, postRequestedFor(urlEqualTo("/app/installations/1001/access_tokens")));

    tokenAnswers("ghs_second", NOW.plus(Duration.ofHours(2)));
    clock.advance(Duration.ofMinutes(26));
    assertEquals(Optional.of("Bearer ghs_second"), credentials.authorizationFor("github.com", "acme"), "renewed shortly before expiry");
    github.verify(2, postRequestedFor(urlEqualTo("/app/installations/1001/access_tokens")));
    // The installation is known: renewing the token lists nothing again.
    github.verify(1, getRequestedFor(urlPathEqualTo("/app/installations")));
  }

  @Test
  void aReinstalledAppIsFoundUnderItsNewInstallationAtOnce() throws IOException {
    tokenAnswers("ghs_first", NOW.plus(Duration.ofHours(1)));
    GitHubCredentials credentials = credentials(APP.pkcs1Pem());
    assertEquals(Optional.of("Bearer ghs_first"), credentials.authorizationFor("github.com", "acme"));

    // Reinstalled on acme: installation 1001 is gone; acme's is now 1002, the third listed.
    github.stubFor(post(urlEqualTo("/app/installations/1001/access_tokens")).willReturn(aResponse().withStatus(404)
        .withHeader("Content-Type", "application/json").withBody("{\"message\":\"Not Found\",\"status\":\"404\"}")));
    github.stubFor(get(urlPathEqualTo("/app/installations")).willReturn(okJson(TestGitHubApp.installations("octo-user", "other", "Acme"))));
    github.stubFor(post(urlEqualTo("/app/installations/1002/access_tokens"))
        .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json; charset=utf-8")
            .withBody(TestGitHubApp.accessToken("ghs_reinstalled", NOW.plus(Duration.ofHours(2))))));
    clock.advance(Duration.ofMinutes(56));
    assertEquals(Optional.of("Bearer ghs_reinstalled"), credentials.authorizationFor("github.com", "acme"),
        "renewing found 1001 gone and listed the installations again, though the listing is not old");
    github.verify(2, getRequestedFor(urlPathEqualTo("/app/installations")));
  }

  @Test
  void concurrentReadsForANewOwnerMintOneToken() throws Exception {
    tokenAnswers("ghs_first", NOW.plus(Duration.ofHours(1)));
    GitHubCredentials credentials = credentials(APP.pkcs1Pem());
    try (var threads = java.util.concurrent.Executors.newFixedThreadPool(8)) {
      List<java.util.concurrent.Future<Optional<String>>> reads = new java.util.ArrayList<>();
      for (int i = 0; i < 8; i++) {
        reads.add(threads.submit(() -> credentials.authorizationFor("github.com", "acme")));
      }
      for (var read : reads) {
        assertEquals(Optional.of("Bearer ghs_first"), read.get());
      }
    }
    github.verify(1, postRequestedFor(urlEqualTo("/app/installations/1001/access_tokens")));
  }

  @Test
  void anOwnerWithoutAnInstallationCostsNoListingPerReadUntilTheListingIsOld() throws IOException {
    GitHubCredentials credentials = credentials(Map.of("appId", TestGitHubApp.APP_ID, "privateKey", APP.pkcs8Pem()),
        Optional.of("ghp_fallback"));
    assertEquals(Optional.of("Bearer ghp_fallback"), credentials.authorizationFor("github.com", "initech"));
    assertEquals(Optional.of("Bearer ghp_fallback"), credentials.authorizationFor("github.com", "initech"));
    github.verify(1, getRequestedFor(urlPathEqualTo("/app/installations")));

    clock.advance(AppInstallationTokens.LISTING_AGE);
    assertEquals(Optional.of("Bearer ghp_fallback"), credentials.authorizationFor("github.com", "initech"));
    // Old enough to be read again: an installation added since would be seen now.
    github.verify(2, getRequestedFor(urlPathEqualTo("/app/installations")));
  }

  @Test
  void aKeyPastedIntoAnEnvironmentVariableWithEscapedLineBreaksIsRead() throws IOException {
    tokenAnswers("ghs_env", NOW.plus(Duration.ofHours(1)));
    String escaped = APP.pkcs1Pem().replace("\n", "\\n");
    assertEquals(Optional.of("Bearer ghs_env"), credentials(escaped).authorizationFor("github.com", "acme"));
  }

  @Test
  void installationsArePagedThrough() throws IOException {
    github.stubFor(get(urlEqualTo("/app/installations?per_page=100")).willReturn(okJson(TestGitHubApp.installations("someone-else"))
        .withHeader("Link", "<" + github.baseUrl() + "/app/installations?per_page=100&page=2>; rel=\"next\"")));
    github.stubFor(get(urlEqualTo("/app/installations?per_page=100&page=2")).willReturn(okJson(TestGitHubApp.installations("x", "acme"))));
    tokenAnswers("ghs_paged", NOW.plus(Duration.ofHours(1)));
    assertEquals(Optional.of("Bearer ghs_paged"), credentials(APP.pkcs8Pem()).authorizationFor("github.com", "acme"));
  }

  @Test
  void anOwnerNoInstallationCoversIsAClearError() {
    IOException e = assertThrows(IOException.class, () -> credentials(APP.pkcs8Pem()).authorizationFor("github.com", "initech"));
    assertTrue(e.getMessage().contains("no installation of GitHub App(s) [" + TestGitHubApp.APP_ID + "]"), e.getMessage());
    assertTrue(e.getMessage().contains("'initech'"), e.getMessage());
  }

  @Test
  void allowedInstallationOwnersLimitTheAppAndATokenStandsInElsewhere() throws IOException {
    GitHubCredentials credentials = credentials(Map.of("appId", TestGitHubApp.APP_ID, "privateKey", APP.pkcs8Pem(),
        "allowedInstallationOwners", List.of("octo-user")), Optional.of("ghp_fallback"));
    assertEquals(Optional.of("Bearer ghp_fallback"), credentials.authorizationFor("github.com", "acme"));
    github.verify(0, getRequestedFor(urlPathEqualTo("/app/installations")));
  }

  @Test
  void aTokenOrNothingWithoutApps() throws IOException {
    GitHubCredentials credentials = GitHubCredentials.fromConfig(Config.of(Map.of("integrations", Map.of("github", List.of(
        Map.of("host", "ghe.acme.example", "token", "ghp_enterprise"))))));
    assertEquals(Optional.of("Bearer ghp_enterprise"), credentials.authorizationFor("ghe.acme.example", "platform"));
    assertEquals(Optional.empty(), credentials.authorizationFor("github.com", "acme"), "github.com is anonymous when unlisted");
    assertEquals("https://ghe.acme.example/api/v3", credentials.integration("ghe.acme.example").orElseThrow().apiBaseUrl());
    assertThrows(IOException.class, () -> credentials.authorizationFor("gitlab.com", "acme"));
  }

  @Test
  void aKeyThatIsNoPemFailsAtStartWithoutPrintingIt() {
    ConfigException e = assertThrows(ConfigException.class, () -> credentials("not-a-key-at-all"));
    assertTrue(e.getMessage().contains("GitHub App " + TestGitHubApp.APP_ID), e.getMessage());
    assertFalse(e.getMessage().contains("not-a-key-at-all"));
  }

  @Test
  void neitherTokenNorKeyAppearsInTheIntegrationsDescription() {
    Config config = Config.of(Map.of("integrations", Map.of("github", List.of(Map.of("host", "github.com", "token", "ghp_secret",
        "apps", List.of(Map.of("appId", "1", "privateKey", APP.pkcs8Pem())))))));
    String described = GitHubIntegrations.fromConfig(config).toString();
    assertFalse(described.contains("ghp_secret"), described);
    assertFalse(described.contains("PRIVATE KEY"), described);
  }
}
