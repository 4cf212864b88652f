package dev.backlot.catalog.ingestion.github;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.backlot.platform.cache.MemoryCache;
import dev.backlot.platform.config.Config;
import dev.backlot.testing.TestGitHubApp;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The GitHub URL reader against a WireMock GitHub REST API; waits are recorded, never slept. */
class GitHubUrlReaderTest {
  private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");
  private static final String FILE = "https://github.com/acme/payments/blob/main/catalog-info.yaml";
  private static final String CONTENTS = "/repos/acme/payments/contents/catalog-info.yaml?ref=main";
  private static final String YAML = "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: payments}\n";

  private final WireMockServer github = new WireMockServer(options().dynamicPort());
  private final List<Duration> waits = new ArrayList<>();

  @BeforeEach
  void start() {
    github.start();
  }

  @AfterEach
  void stop() {
    github.stop();
  }

  private GitHubUrlReader reader(Map<String, Object> catalogGithub) {
    Config config = Config.of(Map.of(
        "integrations", Map.of("github", List.of(
            Map.of("host", "github.com", "apiBaseUrl", github.baseUrl(), "token", "ghp_test-token"),
            Map.of("host", "ghe.acme.example", "apiBaseUrl", github.baseUrl() + "/api/v3"))),
        "catalog", Map.of("github", catalogGithub)));
    return new GitHubUrlReader(config, new MemoryCache(100, Duration.ofHours(1)), Clock.fixed(NOW, ZoneOffset.UTC), waits::add);
  }

  /** A reader of github.com as the GitHub App of {@code privateKeyPem}, with no token to fall back on. */
  private GitHubUrlReader appReader(String privateKeyPem) {
    Config config = Config.of(Map.of("integrations", Map.of("github", List.of(Map.of("host", "github.com", "apiBaseUrl", github.baseUrl(),
        "apps", List.of(Map.of("appId", TestGitHubApp.APP_ID, "privateKey", privateKeyPem)))))));
    return new GitHubUrlReader(config, new MemoryCache(100, Duration.ofHours(1)), Clock.fixed(NOW, ZoneOffset.UTC), waits::add);
  }

  private GitHubUrlReader reader() {
    return reader(Map.of());
  }

  @Test
  void aRepositorysPageNamesItsCatalogFileOnTheDefaultBranch() throws IOException {
    // GET /repos/{owner}/{repo}, in GitHub's shape (the fields the reader reads, among others).
    github.stubFor(get(urlEqualTo("/repos/acme/payments")).willReturn(okJson("""
        {"id":1296269,"name":"payments","full_name":"acme/payments","private":true,"default_branch":"trunk",
         "html_url":"https://github.com/acme/payments","archived":false}""")));
    github.stubFor(get(urlEqualTo("/repos/acme/gone")).willReturn(aResponse().withStatus(404)
        .withBody("{\"message\":\"Not Found\",\"status\":\"404\"}")));

    GitHubUrlReader reader = reader();
    assertEquals(java.util.Optional.of("https://github.com/acme/payments/blob/trunk/catalog-info.yaml"),
        reader.fileInRepository("https://github.com/acme/payments", "catalog-info.yaml"));
    assertEquals(java.util.Optional.of("https://github.com/acme/payments/blob/trunk/catalog-info.yaml"),
        reader.fileInRepository("https://github.com/acme/payments.git/", "catalog-info.yaml"));
    assertEquals(java.util.Optional.empty(), reader.fileInRepository("https://gitlab.example/acme/payments", "catalog-info.yaml"),
        "a host integrations.github does not list");
    assertEquals(java.util.Optional.empty(), reader.fileInRepository(FILE, "catalog-info.yaml"), "a file is no repository");
    IOException gone = assertThrows(IOException.class, () -> reader.fileInRepository("https://github.com/acme/gone", "catalog-info.yaml"));
    assertTrue(gone.getMessage().contains("404"), gone.getMessage());
    github.verify(getRequestedFor(urlEqualTo("/repos/acme/payments")).withHeader("Authorization", equalTo("Bearer ghp_test-token")));
  }

  /** Backstage's GitHub integration: resolveEditUrl is the /edit/ page, resolveUrl('./') the folder as a tree URL. */
  @Test
  void aFileLinksToItsEditPageAndFolderAsBackstagesGitHubIntegrationDoes() {
    GitHubUrlReader reader = reader();
    assertEquals(java.util.Optional.of("https://github.com/acme/payments/edit/main/catalog-info.yaml"), reader.editUrl(FILE));
    assertEquals(java.util.Optional.of("https://github.com/acme/payments/tree/main/"), reader.sourceFolder(FILE));
    assertEquals(java.util.Optional.of("https://ghe.acme.example/acme/payments/tree/release/v2/docs/?plain=1"),
        reader.sourceFolder("https://ghe.acme.example/acme/payments/blob/release/v2/docs/catalog-info.yaml?plain=1"));
    String pinned = "https://github.com/acme/payments/blob/0123456789abcdef0123456789abcdef01234567/catalog-info.yaml";
    assertEquals(java.util.Optional.empty(), reader.editUrl(pinned), "a file at a commit cannot be edited");
    assertEquals(java.util.Optional.of("https://github.com/acme/payments/tree/0123456789abcdef0123456789abcdef01234567/"),
        reader.sourceFolder(pinned));
  }

  @Test
  void aFileOverCatalogMaxFileBytesIsRefusedWithItsSize() {
    // GitHub declares the length of a raw file, so it is refused before its body is read.
    github.stubFor(get(urlEqualTo(CONTENTS)).willReturn(GitHubApi.rawFile("#".repeat(2048), "\"big\"").withHeader("Content-Length", "2048")));
    Config config = Config.of(Map.of(
        "integrations", Map.of("github", List.of(Map.of("host", "github.com", "apiBaseUrl", github.baseUrl(), "token", "ghp_test-token"))),
        "catalog", Map.of("maxFileBytes", 1024)));
    GitHubUrlReader reader = new GitHubUrlReader(config, new MemoryCache(100, Duration.ofHours(1)), Clock.fixed(NOW, ZoneOffset.UTC), waits::add);

    IOException refused = assertThrows(IOException.class, () -> reader.read("url", FILE));
    assertEquals("acme/payments@main:catalog-info.yaml is 2048 bytes (2.0 KiB), over catalog.maxFileBytes: 1024 bytes (1.0 KiB)",
        refused.getMessage());
  }

  @Test
  void readsARawFileThroughTheContentsApiWithTheHostsToken() throws IOException {
    github.stubFor(get(urlEqualTo(CONTENTS)).willReturn(GitHubApi.rawFile(YAML, "\"a1\"")));
    assertEquals(YAML, reader().read("url", FILE));
    github.verify(getRequestedFor(urlEqualTo(CONTENTS))
        .withHeader("Accept", equalTo("application/vnd.github.raw"))
        .withHeader("Authorization", equalTo("Bearer ghp_test-token"))
        .withHeader("X-GitHub-Api-Version", equalTo("2022-11-28"))
        .withHeader("If-None-Match", absent()));
  }

  @Test
  void enterpriseHostsAreReadThroughTheirOwnApiBaseUrlWithoutATokenWhenNoneIsConfigured() throws IOException {
    github.stubFor(get(urlEqualTo("/api/v3/repos/platform/portal/contents/docs/my%20api.yaml?ref=v1.2"))
        .willReturn(GitHubApi.rawFile("openapi: 3.0.3\n", "\"b2\"")));
    String target = "https://ghe.acme.example/platform/portal/blob/v1.2/docs/my%20api.yaml";
    assertTrue(reader().accepts("url", target));
    assertEquals("openapi: 3.0.3\n", reader().read("url", target));
    github.verify(getRequestedFor(urlEqualTo("/api/v3/repos/platform/portal/contents/docs/my%20api.yaml?ref=v1.2"))
        .withHeader("Authorization", absent()));
  }

  @Test
  void acceptsBlobAndTreeUrlsOfConfiguredHostsOnly() {
    GitHubUrlReader reader = reader();
    assertTrue(reader.accepts("url", FILE));
    assertTrue(reader.accepts("url", "https://github.com/acme/payments/tree/main/services/catalog-info.yaml"));
    assertFalse(reader.accepts("url", "https://gitlab.com/acme/payments/blob/main/catalog-info.yaml"), "another host: the generic reader's");
    assertFalse(reader.accepts("url", "https://github.com/acme/payments"), "a repository page is not a file");
    assertFalse(reader.accepts("url", "https://github.com/acme/payments/raw/main/catalog-info.yaml"));
    assertFalse(reader.accepts("url", "http://github.com/acme/payments/blob/main/catalog-info.yaml"), "https only");
    assertFalse(reader.accepts("file", FILE));
  }

  @Test
  void relativeTargetsResolveAgainstTheFilesFolderOrTheTreeItself() {
    GitHubUrlReader reader = reader();
    assertEquals("https://github.com/acme/payments/blob/main/openapi.yaml", reader.resolve(FILE, "./openapi.yaml"));
    assertEquals("https://github.com/acme/payments/blob/main/apis/a.yaml",
        reader.resolve("https://github.com/acme/payments/blob/main/services/catalog-info.yaml", "../apis/a.yaml"));
    assertEquals("https://github.com/acme/payments/tree/main/services/x/catalog-info.yaml",
        reader.resolve("https://github.com/acme/payments/tree/main/services", "x/catalog-info.yaml"));
    assertEquals("https://github.com/other/repo/blob/main/c.yaml", reader.resolve(FILE, "https://github.com/other/repo/blob/main/c.yaml"));
  }

  /**
   * The attack: a URL naming a file of acme/payments (which its author may read) whose path climbs,
   * through dot segments, into the contents API of acme/secrets. GitHub resolves dot segments in the
   * request path, so the catalog's token would read a repository the URL never names. WireMock does
   * not resolve them: the stub answers the unresolved path as GitHub answers the resolved one.
   */
  @Test
  void dotSegmentsInAGitHubUrlAreRefusedBeforeAnyRequestCarriesThem() throws IOException {
    github.stubFor(get(urlEqualTo("/repos/acme/payments/branches/main")).willReturn(GitHubApi.branch("main")));
    github.stubFor(get(urlMatching("/repos/acme/payments/contents/\\.\\./\\.\\./secrets/contents/prod\\.env.*"))
        .willReturn(GitHubApi.rawFile("DATABASE_PASSWORD=hunter2\n", "\"s1\"")));
    GitHubUrlReader reader = reader();
    for (String target : List.of(
        "https://github.com/acme/payments/blob/main/../../secrets/contents/prod.env",
        "https://github.com/acme/payments/blob/main/%2e%2e/%2E%2E/secrets/contents/prod.env",
        "https://github.com/acme/payments/blob/main/./catalog-info.yaml",
        "https://github.com/acme/payments/blob/../catalog-info.yaml",
        "https://github.com/acme/./blob/main/catalog-info.yaml")) {
      assertFalse(reader.accepts("url", target), target);
      IOException refused = assertThrows(IOException.class, () -> reader.read("url", target), target);
      assertFalse(refused.getMessage().contains("hunter2"), refused.getMessage());
    }
    assertEquals(java.util.Optional.empty(), reader.fileInRepository("https://github.com/acme/..", "catalog-info.yaml"));
    assertEquals(java.util.Optional.empty(), reader.fileInRepository("https://github.com/../acme", "catalog-info.yaml"));
    github.verify(0, getRequestedFor(urlMatching(".*/\\.\\.?(/.*|\\?.*|)")));
  }

  @Test
  void anUnchangedFileIsAnsweredByA304AndTheCachedText() throws IOException {
    github.stubFor(get(urlEqualTo(CONTENTS)).withHeader("If-None-Match", absent()).willReturn(GitHubApi.rawFile(YAML, "\"v1\"")));
    github.stubFor(get(urlEqualTo(CONTENTS)).withHeader("If-None-Match", equalTo("\"v1\"")).willReturn(GitHubApi.notModified("\"v1\"")));
    GitHubUrlReader reader = reader();
    assertEquals(YAML, reader.read("url", FILE));
    assertEquals(YAML, reader.read("url", FILE), "the 304 answers with what was read before");
    github.verify(1, getRequestedFor(urlEqualTo(CONTENTS)).withHeader("If-None-Match", equalTo("\"v1\"")));
    assertEquals(List.of(), waits);
  }

  @Test
  void aPrimaryRateLimitIsWaitedOutUntilItsResetAndTheReadRetried() throws IOException {
    long reset = NOW.plusSeconds(24).getEpochSecond();
    github.stubFor(get(urlEqualTo(CONTENTS)).inScenario("limit").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(GitHubApi.rateLimited(reset)).willSetStateTo("reset"));
    github.stubFor(get(urlEqualTo(CONTENTS)).inScenario("limit").whenScenarioStateIs("reset")
        .willReturn(GitHubApi.rawFile(YAML, "\"v1\"")));
    assertEquals(YAML, reader().read("url", FILE));
    assertEquals(List.of(Duration.ofSeconds(24)), waits);
  }

  @Test
  void waitsAddUpAgainstOneBudgetForTheWholeRead() {
    // Each wait alone fits in the 30 s default; together they would outlast the request.
    github.stubFor(get(urlEqualTo(CONTENTS)).willReturn(GitHubApi.secondaryRateLimited(20)));
    IOException e = assertThrows(IOException.class, () -> reader().read("url", FILE));
    assertEquals(List.of(Duration.ofSeconds(20)), waits, "the first wait fits; the second would pass the budget");
    assertTrue(e.getMessage().contains("40 s in all") && e.getMessage().contains("(30 s)"), e.getMessage());
    github.verify(2, getRequestedFor(urlEqualTo(CONTENTS)));
  }

  @Test
  void aSecondaryRateLimitWaitsForItsRetryAfter() throws IOException {
    github.stubFor(get(urlEqualTo(CONTENTS)).inScenario("limit").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(GitHubApi.secondaryRateLimited(7)).willSetStateTo("ok"));
    github.stubFor(get(urlEqualTo(CONTENTS)).inScenario("limit").whenScenarioStateIs("ok")
        .willReturn(GitHubApi.rawFile(YAML, "\"v1\"")));
    assertEquals(YAML, reader().read("url", FILE));
    assertEquals(List.of(Duration.ofSeconds(7)), waits);
  }

  @Test
  void aResetLaterThanTheCapFailsTheReadWithoutWaiting() {
    github.stubFor(get(urlEqualTo(CONTENTS)).willReturn(GitHubApi.rateLimited(NOW.plusSeconds(3600).getEpochSecond())));
    IOException e = assertThrows(IOException.class, () -> reader(Map.of("maxRateLimitWaitSeconds", 120)).read("url", FILE));
    assertTrue(e.getMessage().contains("GitHub's rate limit resets in 3600 s"), e.getMessage());
    assertEquals(List.of(), waits);
    github.verify(1, getRequestedFor(urlEqualTo(CONTENTS)));
  }

  @Test
  void aForbiddenAnswerThatIsNoRateLimitFailsAtOnce() {
    github.stubFor(get(urlEqualTo(CONTENTS)).willReturn(GitHubApi.forbidden()));
    IOException e = assertThrows(IOException.class, () -> reader().read("url", FILE));
    assertTrue(e.getMessage().contains("HTTP 403"), e.getMessage());
    assertEquals(List.of(), waits);
  }

  @Test
  void serverErrorsAreRetriedWithDoublingBackoff() throws IOException {
    github.stubFor(get(urlEqualTo(CONTENTS)).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(GitHubApi.serverError(502)).willSetStateTo("again"));
    github.stubFor(get(urlEqualTo(CONTENTS)).inScenario("flaky").whenScenarioStateIs("again")
        .willReturn(GitHubApi.serverError(503)).willSetStateTo("up"));
    github.stubFor(get(urlEqualTo(CONTENTS)).inScenario("flaky").whenScenarioStateIs("up")
        .willReturn(GitHubApi.rawFile(YAML, "\"v1\"")));
    assertEquals(YAML, reader(Map.of("backoffMillis", 250)).read("url", FILE));
    assertEquals(List.of(Duration.ofMillis(250), Duration.ofMillis(500)), waits);
  }

  @Test
  void retriesAreBounded() {
    github.stubFor(get(urlEqualTo(CONTENTS)).willReturn(GitHubApi.serverError(500)));
    IOException e = assertThrows(IOException.class, () -> reader(Map.of("maxAttempts", 3)).read("url", FILE));
    assertTrue(e.getMessage().contains("after 3 attempt(s)"), e.getMessage());
    github.verify(3, getRequestedFor(urlEqualTo(CONTENTS)));
    assertEquals(2, waits.size());
  }

  @Test
  void aDeletedFileIsAFailedRead() {
    github.stubFor(get(urlEqualTo(CONTENTS)).willReturn(GitHubApi.notFound()));
    IOException e = assertThrows(IOException.class, () -> reader().read("url", FILE));
    assertTrue(e.getMessage().contains("not found"), e.getMessage());
  }

  @Test
  void aFileOnABranchWithSlashesIsReadFromThatBranchAndSoAreItsRelativeFiles() throws IOException {
    github.stubFor(get(urlEqualTo("/repos/acme/payments/branches/feature")).willReturn(GitHubApi.branchNotFound()));
    github.stubFor(get(urlEqualTo("/repos/acme/payments/branches/feature%2Fnew-api")).willReturn(GitHubApi.branch("feature/new-api")));
    github.stubFor(get(urlEqualTo("/repos/acme/payments/contents/catalog-info.yaml?ref=feature%2Fnew-api"))
        .willReturn(GitHubApi.rawFile(YAML, "\"f1\"")));
    github.stubFor(get(urlEqualTo("/repos/acme/payments/contents/apis/openapi.yaml?ref=feature%2Fnew-api"))
        .willReturn(GitHubApi.rawFile("openapi: 3.0.3\n", "\"f2\"")));
    GitHubUrlReader reader = reader();
    String file = "https://github.com/acme/payments/blob/feature/new-api/catalog-info.yaml";
    assertEquals(YAML, reader.read("url", file));
    String definition = reader.resolve(file, "./apis/openapi.yaml");
    assertEquals("https://github.com/acme/payments/blob/feature/new-api/apis/openapi.yaml", definition);
    assertEquals("openapi: 3.0.3\n", reader.read("url", definition), "read from feature/new-api, not from a branch named feature");
    github.verify(1, getRequestedFor(urlEqualTo("/repos/acme/payments/branches/feature")));
    github.verify(1, getRequestedFor(urlEqualTo("/repos/acme/payments/branches/feature%2Fnew-api")));
    github.verify(0, getRequestedFor(urlEqualTo("/repos/acme/payments/branches/feature%2Fnew-api%2Fapis")));
  }

  @Test
  void aRefThatIsNoBranchIsATagOrCommitOfOneSegment() throws IOException {
    github.stubFor(get(urlEqualTo("/repos/acme/payments/branches/v2")).willReturn(GitHubApi.branchNotFound()));
    github.stubFor(get(urlEqualTo("/repos/acme/payments/branches/v2%2Fservices")).willReturn(GitHubApi.branchNotFound()));
    github.stubFor(get(urlEqualTo("/repos/acme/payments/contents/services/catalog-info.yaml?ref=v2")).willReturn(GitHubApi.rawFile(YAML, "\"t1\"")));
    assertEquals(YAML, reader().read("url", "https://github.com/acme/payments/blob/v2/services/catalog-info.yaml"));
  }

  @Test
  void aBranchLookUpGitHubCannotAnswerFailsTheReadAndIsNotRemembered() throws IOException {
    github.stubFor(get(urlEqualTo("/repos/acme/payments/branches/feature")).inScenario("outage").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(GitHubApi.serverError(502)).willSetStateTo("up"));
    github.stubFor(get(urlEqualTo("/repos/acme/payments/branches/feature")).inScenario("outage").whenScenarioStateIs("up")
        .willReturn(GitHubApi.branch("feature")));
    github.stubFor(get(urlEqualTo("/repos/acme/payments/contents/x/catalog-info.yaml?ref=feature")).willReturn(GitHubApi.rawFile(YAML, "\"x\"")));
    GitHubUrlReader reader = reader();
    String file = "https://github.com/acme/payments/blob/feature/x/catalog-info.yaml";
    IOException e = assertThrows(IOException.class, () -> reader.read("url", file));
    assertTrue(e.getMessage().contains("HTTP 502"), e.getMessage());
    assertEquals(YAML, reader.read("url", file));
  }

  @Test
  void withAGitHubAppTheOwnersInstallationTokenReadsAndIsReusedUntilItExpires() throws IOException {
    TestGitHubApp app = new TestGitHubApp();
    github.stubFor(get(urlPathEqualTo("/app/installations")).willReturn(okJson(TestGitHubApp.installations("acme"))));
    github.stubFor(post(urlEqualTo("/app/installations/1000/access_tokens")).willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json; charset=utf-8")
        .withBody(TestGitHubApp.accessToken("ghs_installation", NOW.plus(Duration.ofHours(1))))));
    github.stubFor(get(urlEqualTo(CONTENTS)).willReturn(GitHubApi.rawFile(YAML, "\"a1\"")));
    GitHubUrlReader reader = appReader(app.pkcs1Pem());
    assertEquals(YAML, reader.read("url", FILE));
    assertEquals(YAML, reader.read("url", FILE));
    github.verify(2, getRequestedFor(urlEqualTo(CONTENTS)).withHeader("Authorization", equalTo("Bearer ghs_installation")));
    github.verify(1, postRequestedFor(urlEqualTo("/app/installations/1000/access_tokens")));
  }

  @Test
  void anInstallationTokenGitHubRefusesIsReplacedAndTheReadTriedOnceMore() throws IOException {
    TestGitHubApp app = new TestGitHubApp();
    github.stubFor(get(urlPathEqualTo("/app/installations")).willReturn(okJson(TestGitHubApp.installations("acme"))));
    github.stubFor(post(urlEqualTo("/app/installations/1000/access_tokens")).inScenario("tokens").whenScenarioStateIs(STARTED)
        .willSetStateTo("revoked").willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json; charset=utf-8")
            .withBody(TestGitHubApp.accessToken("ghs_revoked", NOW.plus(Duration.ofHours(1))))));
    github.stubFor(post(urlEqualTo("/app/installations/1000/access_tokens")).inScenario("tokens").whenScenarioStateIs("revoked")
        .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json; charset=utf-8")
            .withBody(TestGitHubApp.accessToken("ghs_new", NOW.plus(Duration.ofHours(1))))));
    github.stubFor(get(urlEqualTo(CONTENTS)).withHeader("Authorization", equalTo("Bearer ghs_revoked")).willReturn(aResponse().withStatus(401)
        .withHeader("Content-Type", "application/json").withBody("{\"message\":\"Bad credentials\",\"status\":\"401\"}")));
    github.stubFor(get(urlEqualTo(CONTENTS)).withHeader("Authorization", equalTo("Bearer ghs_new")).willReturn(GitHubApi.rawFile(YAML, "\"a1\"")));
    GitHubUrlReader reader = appReader(app.pkcs8Pem());

    assertEquals(YAML, reader.read("url", FILE));
    assertEquals(YAML, reader.read("url", FILE));

    github.verify(1, getRequestedFor(urlEqualTo(CONTENTS)).withHeader("Authorization", equalTo("Bearer ghs_revoked")));
    github.verify(2, postRequestedFor(urlEqualTo("/app/installations/1000/access_tokens"))); // the new token is kept
  }

  @Test
  void aConfiguredTokenGitHubRefusesFailsTheReadAtOnce() {
    github.stubFor(get(urlEqualTo(CONTENTS)).willReturn(aResponse().withStatus(401)
        .withHeader("Content-Type", "application/json").withBody("{\"message\":\"Bad credentials\",\"status\":\"401\"}")));
    IOException e = assertThrows(IOException.class, () -> reader().read("url", FILE));
    assertEquals("acme/payments@main:catalog-info.yaml: GitHub answered HTTP 401 to the credentials of integrations.github", e.getMessage());
    github.verify(1, getRequestedFor(urlEqualTo(CONTENTS)).withHeader("Authorization", equalTo("Bearer ghp_test-token")));
  }

  @Test
  void aFileOfAnOwnerTheAppIsNotInstalledForIsAFailedReadThatSaysSo() {
    TestGitHubApp app = new TestGitHubApp();
    github.stubFor(get(urlPathEqualTo("/app/installations")).willReturn(okJson(TestGitHubApp.installations("initech"))));
    GitHubUrlReader reader = appReader(app.pkcs8Pem());
    IOException e = assertThrows(IOException.class, () -> reader.read("url", FILE));
    assertTrue(e.getMessage().contains("covers 'acme'"), e.getMessage());
    github.verify(0, getRequestedFor(urlEqualTo(CONTENTS)));
  }
}
