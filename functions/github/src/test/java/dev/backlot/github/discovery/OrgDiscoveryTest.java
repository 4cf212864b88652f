package dev.backlot.github.discovery;

import dev.backlot.github.storage.DiscoveryCursors;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.backlot.github.TestGitHubPlugin;
import dev.backlot.github.api.GitHubClients;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.db.Database;
import dev.backlot.testing.TestGitHubApp;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Discovery against one WireMock server playing GitHub's REST API and the catalog's. */
class OrgDiscoveryTest {
  private final WireMockServer server = new WireMockServer(options().dynamicPort());
  private Database database;
  private DiscoveryCursors cursors;

  @BeforeEach
  void start(@TempDir Path dir) {
    server.start();
    database = Database.connect("jdbc:sqlite:" + dir.resolve("github.db"));
    TestGitHubPlugin.migrated(database);
    cursors = new DiscoveryCursors(database);
    organization(server, "acme", 21031067);
  }

  /** {@code GET /orgs/{org}}, which github-api reads before listing the organisation's repositories. */
  static void organization(WireMockServer server, String login, int id) {
    server.stubFor(get(urlEqualTo("/orgs/" + login)).willReturn(okJson("""
        {"login":"%s","id":%d,"node_id":"MDEyOk9yZ2FuaXphdGlvbjE%d","url":"%s/orgs/%s","repos_url":"%s/orgs/%s/repos",
         "description":null,"name":"%s","type":"Organization","html_url":"https://github.com/%s","created_at":"2016-05-01T10:00:00Z"}"""
        .formatted(login, id, id, server.baseUrl(), login, server.baseUrl(), login, login, login))));
  }

  @AfterEach
  void stop() {
    server.stop();
    database.close();
  }

  /** One call with room for every repository. */
  private OrgDiscovery.Outcome runOnce(OrgDiscovery discovery) {
    return discovery.run(cursors, 1000);
  }

  /** A repository as GET /orgs/{org}/repos lists it (the fields discovery reads, among GitHub's others). */
  private static String repo(String name, boolean archived, int size, String defaultBranch) {
    return """
        {"id":%d,"node_id":"R_kgDO%s","name":"%s","full_name":"acme/%s","private":true,
         "owner":{"login":"acme","id":21031067,"type":"Organization"},
         "html_url":"https://github.com/acme/%s","description":null,"fork":false,
         "url":"https://api.github.com/repos/acme/%s","created_at":"2024-01-02T03:04:05Z","pushed_at":"2026-11-01T10:00:00Z",
         "size":%d,"archived":%s,"disabled":false,"visibility":"private","default_branch":"%s","topics":[]}"""
        .formatted(Math.abs(name.hashCode()), name, name, name, name, name, size, archived, defaultBranch);
  }

  /** A repository with topics, as GET /orgs/{org}/repos lists it. */
  private static String repo(String name, String... topics) {
    return repo(name, false, 50, "main").replace("\"topics\":[]",
        "\"topics\":[" + String.join(",", java.util.Arrays.stream(topics).map(t -> "\"" + t + "\"").toList()) + "]");
  }

  private OrgDiscovery discovery(Map<String, Object> target) {
    Config config = Config.of(Map.of(
        "integrations", Map.of("github", List.of(Map.of("host", "github.com", "apiBaseUrl", server.baseUrl(), "token", "ghp_x"))),
        "github", Map.of("discovery", List.of(target))));
    GitHubClients github = GitHubClients.fromConfig(config);
    return new OrgDiscovery(DiscoveryTarget.fromConfig(config, github), new OrgRepositories(github),
        TestGitHubPlugin.catalogAt(server.baseUrl()));
  }

  @Test
  void topicsChooseTheRepositoriesAndAPatternFindsEveryCatalogFileInTheTree() {
    server.stubFor(get(urlEqualTo("/orgs/acme/repos?per_page=100")).willReturn(okJson("[" + String.join(",",
        repo("payments", "backstage", "payments"), repo("storefront", "frontend", "deprecated"), repo("tools"),
        repo("search", "Frontend")) + "]")));
    // GET /repos/{owner}/{repo}/git/trees/{ref}?recursive=1, in GitHub's shape.
    server.stubFor(get(urlEqualTo("/repos/acme/payments/git/trees/main?recursive=1")).willReturn(okJson("""
        {"sha":"9fb037999f264ba9a7fc6274d15fa3ae2ab98312","url":"https://api.github.com/repos/acme/payments/git/trees/9fb0",
         "tree":[
          {"path":"catalog-info.yaml","mode":"100644","type":"blob","sha":"a1","size":212},
          {"path":"services","mode":"040000","type":"tree","sha":"b1"},
          {"path":"services/ledger","mode":"040000","type":"tree","sha":"b2"},
          {"path":"services/ledger/catalog-info.yaml","mode":"100644","type":"blob","sha":"a2","size":301},
          {"path":"services/ledger/catalog-info.yaml.bak","mode":"100644","type":"blob","sha":"a3","size":301},
          {"path":"docs/catalog-info.yml","mode":"100644","type":"blob","sha":"a4","size":90}],
         "truncated":false}""")));
    server.stubFor(get(urlEqualTo("/repos/acme/search/git/trees/main?recursive=1")).willReturn(okJson("""
        {"sha":"c3","tree":[{"path":"README.md","mode":"100644","type":"blob","sha":"d1","size":10}],"truncated":false}""")));
    CatalogStubs.registersAnything(server);
    CatalogStubs.locations(server,
        "url:https://github.com/acme/tools/blob/main/catalog-info.yaml",
        "url:https://github.com/acme/storefront/blob/main/web/catalog-info.yaml",
        "url:https://github.com/acme/payments/blob/main/services/ledger/catalog-info.yaml");

    OrgDiscovery.Outcome outcome = runOnce(discovery(Map.of("organization", "acme", "catalogPath", "**/catalog-info.yaml",
        "topics", Map.of("include", List.of("backstage", "frontend"), "exclude", List.of("deprecated")))));

    assertEquals(List.of("https://github.com/acme/payments/blob/main/catalog-info.yaml",
        "https://github.com/acme/payments/blob/main/services/ledger/catalog-info.yaml"), outcome.registered());
    assertEquals(List.of("https://github.com/acme/search"), outcome.withoutCatalogFile(), "topics compare without case");
    assertEquals(List.of("https://github.com/acme/tools/blob/main/catalog-info.yaml",
        "https://github.com/acme/storefront/blob/main/web/catalog-info.yaml"), outcome.removed(),
        "repositories the topics leave out lose what discovery registered for them");
    assertEquals(List.of(), outcome.errors());
    server.verify(0, getRequestedFor(urlPathMatching("/repos/acme/(tools|storefront)/.*")));
    server.verify(2, getRequestedFor(urlEqualTo("/orgs/acme/repos?per_page=100"))); // github-api's listing, and for the topics as JSON
  }

  /** Acme's web, Api and billing, each with a catalog-info.yaml, listed out of name order; a catalog registering anything. */
  private OrgDiscovery threeRepositoriesWithCatalogFiles() {
    server.stubFor(get(urlEqualTo("/orgs/acme/repos?per_page=100")).willReturn(okJson("["
        + String.join(",", repo("web", false, 9, "main"), repo("Api", false, 9, "main"), repo("billing", false, 9, "main")) + "]")));
    for (String name : List.of("Api", "billing", "web")) {
      server.stubFor(get(urlEqualTo("/repos/acme/" + name + "/contents/catalog-info.yaml?ref=main")).willReturn(okJson("{\"type\":\"file\"}")));
    }
    CatalogStubs.registersAnything(server);
    CatalogStubs.locations(server);
    OrgDiscovery discovery = discovery(".*");
    return discovery;
  }

  @Test
  void eachCallExaminesABatchAndTheNextGoesOnWhereItStopped() throws Exception {
    OrgDiscovery discovery = threeRepositoriesWithCatalogFiles();

    assertEquals(List.of(new OrgDiscovery.Pass("github.com", "acme", "catalog-info.yaml", null)), discovery.passes(cursors));
    OrgDiscovery.Outcome first = discovery.run(cursors, 2);
    assertEquals("billing", discovery.passes(cursors).get(0).resumesAfter(), "what operators see between two calls");
    OrgDiscovery.Outcome second = discovery.run(cursors, 2);
    assertEquals(null, discovery.passes(cursors).get(0).resumesAfter());
    OrgDiscovery.Outcome third = discovery.run(cursors, 2);

    assertEquals(List.of("https://github.com/acme/Api/blob/main/catalog-info.yaml",
        "https://github.com/acme/billing/blob/main/catalog-info.yaml"), first.registered(), "in name order, case aside");
    assertEquals(List.of("github.com/acme after billing"), first.unfinished());
    assertEquals(List.of("https://github.com/acme/web/blob/main/catalog-info.yaml"), second.registered());
    assertEquals(List.of(), second.unfinished(), "the pass is complete");
    assertEquals(first.registered(), third.registered(), "the next pass starts from the beginning");
    server.verify(3, getRequestedFor(urlEqualTo("/orgs/acme/repos?per_page=100")));
  }

  @Test
  void aCallOutOfTimeStopsWhereItIsAndTheNextGoesOnFromThere() throws Exception {
    OrgDiscovery discovery = threeRepositoriesWithCatalogFiles();
    // Time runs out once the first repository has been examined (the target itself is checked first).
    java.util.concurrent.atomic.AtomicInteger checks = new java.util.concurrent.atomic.AtomicInteger();

    OrgDiscovery.Outcome first = discovery.run(cursors, 100, () -> checks.incrementAndGet() > 2);
    OrgDiscovery.Outcome second = discovery.run(cursors, 100);

    assertEquals(List.of("https://github.com/acme/Api/blob/main/catalog-info.yaml"), first.registered());
    assertEquals(List.of("github.com/acme after api"), first.unfinished());
    assertEquals(List.of("https://github.com/acme/billing/blob/main/catalog-info.yaml",
        "https://github.com/acme/web/blob/main/catalog-info.yaml"), second.registered(), "the next call goes on after Api");
    assertEquals(List.of(), second.unfinished());
    assertEquals(List.of("github.com/acme not reached: out of time"), discovery.run(cursors, 100, () -> true).unfinished(),
        "a call already out of time lists no organisation");
  }

  @Test
  void oneCallReadsTheCatalogsLocationsOnceForAllItsTargets() {
    server.stubFor(get(urlEqualTo("/orgs/acme/repos?per_page=100")).willReturn(okJson("[]")));
    server.stubFor(get(urlEqualTo("/orgs/acme-labs/repos?per_page=100")).willReturn(okJson("[]")));
    organization(server, "acme-labs", 21031068);
    CatalogStubs.locations(server, "url:https://github.com/acme/gone/blob/main/catalog-info.yaml",
        "url:https://github.com/acme-labs/gone-too/blob/main/catalog-info.yaml");
    Config config = Config.of(Map.of(
        "integrations", Map.of("github", List.of(Map.of("host", "github.com", "apiBaseUrl", server.baseUrl(), "token", "ghp_x"))),
        "github", Map.of("discovery", List.of(Map.of("organization", "acme"), Map.of("organization", "acme-labs")))));
    GitHubClients github = GitHubClients.fromConfig(config);

    OrgDiscovery.Outcome outcome = runOnce(new OrgDiscovery(DiscoveryTarget.fromConfig(config, github), new OrgRepositories(github),
        TestGitHubPlugin.catalogAt(server.baseUrl())));

    assertEquals(List.of("https://github.com/acme/gone/blob/main/catalog-info.yaml",
        "https://github.com/acme-labs/gone-too/blob/main/catalog-info.yaml"), outcome.removed());
    server.verify(1, getRequestedFor(urlPathEqualTo("/api/catalog/locations")));
  }

  @Test
  void aTreeGitHubTruncatedIsAnErrorForItsRepositoryNotAPartialAnswer() {
    server.stubFor(get(urlEqualTo("/orgs/acme/repos?per_page=100"))
        .willReturn(okJson("[" + String.join(",", repo("api"), repo("monorepo"), repo("web")) + "]")));
    server.stubFor(get(urlEqualTo("/repos/acme/monorepo/git/trees/main?recursive=1")).willReturn(okJson("""
        {"sha":"e5","tree":[{"path":"catalog-info.yaml","mode":"100644","type":"blob","sha":"f1","size":1}],"truncated":true}""")));
    for (String name : List.of("api", "web")) {
      server.stubFor(get(urlEqualTo("/repos/acme/" + name + "/git/trees/main?recursive=1")).willReturn(okJson("""
          {"sha":"e6","tree":[{"path":"catalog-info.yaml","mode":"100644","type":"blob","sha":"f2","size":1}],"truncated":false}""")));
    }
    CatalogStubs.registersAnything(server);
    CatalogStubs.locations(server, "url:https://github.com/acme/monorepo/blob/main/apps/web/catalog-info.yaml");

    OrgDiscovery.Outcome outcome = runOnce(discovery(Map.of("organization", "acme", "catalogPath", "**/catalog-info.yaml")));

    assertEquals(List.of("https://github.com/acme/api/blob/main/catalog-info.yaml",
        "https://github.com/acme/web/blob/main/catalog-info.yaml"), outcome.registered(), "the rest of the batch goes on");
    assertEquals(List.of("https://github.com/acme/monorepo: monorepo@main has more files than GitHub lists in one tree;"
        + " name the catalog file without a pattern"), outcome.errors());
    assertEquals(List.of(), outcome.removed());
    server.verify(0, deleteRequestedFor(urlPathMatching("/api/catalog/locations/.*")));
    server.verify(0, postRequestedFor(urlPathEqualTo("/api/catalog/locations"))
        .withRequestBody(equalToJson("{\"type\":\"url\",\"target\":\"https://github.com/acme/monorepo/blob/main/catalog-info.yaml\"}")));
  }

  @Test
  void aRepositoryGitHubFailsOnIsAnErrorAndThePassStillCompletesAndRemovesTheDeleted() throws Exception {
    server.stubFor(get(urlEqualTo("/orgs/acme/repos?per_page=100"))
        .willReturn(okJson("[" + String.join(",", repo("alpha"), repo("beta"), repo("gamma")) + "]")));
    server.stubFor(get(urlEqualTo("/repos/acme/alpha/contents/catalog-info.yaml?ref=main")).willReturn(okJson("{\"type\":\"file\"}")));
    server.stubFor(get(urlEqualTo("/repos/acme/beta/contents/catalog-info.yaml?ref=main")).willReturn(aResponse().withStatus(500)
        .withHeader("Content-Type", "application/json").withBody("{\"message\":\"Server Error\"}")));
    server.stubFor(get(urlEqualTo("/repos/acme/gamma/contents/catalog-info.yaml?ref=main")).willReturn(okJson("{\"type\":\"file\"}")));
    CatalogStubs.registersAnything(server);
    CatalogStubs.locations(server,
        "url:https://github.com/acme/beta/blob/main/catalog-info.yaml",
        "url:https://github.com/acme/deleted/blob/main/catalog-info.yaml");
    OrgDiscovery discovery = discovery(".*");

    OrgDiscovery.Outcome outcome = discovery.run(cursors, 3);

    assertEquals(List.of("https://github.com/acme/alpha/blob/main/catalog-info.yaml",
        "https://github.com/acme/gamma/blob/main/catalog-info.yaml"), outcome.registered());
    assertEquals(List.of("https://github.com/acme/beta: GitHub answered 500 to beta:catalog-info.yaml"), outcome.errors());
    assertEquals(List.of(), outcome.unfinished(), "the pass went past beta");
    assertEquals(null, discovery.passes(cursors).get(0).resumesAfter(), "the next pass starts over, beta included");
    assertEquals(List.of("https://github.com/acme/deleted/blob/main/catalog-info.yaml"), outcome.removed(),
        "still listed, beta keeps its location");
    server.verify(1, deleteRequestedFor(urlPathMatching("/api/catalog/locations/.*")));
    server.verify(deleteRequestedFor(urlEqualTo("/api/catalog/locations/loc-1")));
  }

  private OrgDiscovery discovery(String repositoryPattern) {
    return discovery(repositoryPattern, Map.of("host", "github.com", "apiBaseUrl", server.baseUrl(), "token", "ghp_x"));
  }

  private OrgDiscovery discovery(String repositoryPattern, Map<String, Object> integration) {
    Config config = Config.of(Map.of(
        "integrations", Map.of("github", List.of(integration)),
        "github", Map.of("discovery", List.of(Map.of("organization", "acme", "repository", repositoryPattern)))));
    GitHubClients github = GitHubClients.fromConfig(config);
    return new OrgDiscovery(DiscoveryTarget.fromConfig(config, github), new OrgRepositories(github),
        TestGitHubPlugin.catalogAt(server.baseUrl()));
  }

  @Test
  void everyLiveRepositoryWithACatalogFileIsRegisteredAcrossPages() {
    String first = "/orgs/acme/repos?per_page=100";
    String second = first + "&page=2";
    server.stubFor(get(urlEqualTo(first)).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json; charset=utf-8")
        .withHeader("Link", "<" + server.baseUrl() + second + ">; rel=\"next\", <" + server.baseUrl() + second + ">; rel=\"last\"")
        .withBody("[" + String.join(",", repo("payments", false, 120, "main"), repo("legacy", true, 80, "master"),
            repo("scratch", false, 0, "main"), repo("docs-site", false, 15, "main")) + "]")));
    server.stubFor(get(urlEqualTo(second)).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json; charset=utf-8")
        .withHeader("Link", "<" + server.baseUrl() + first + "&page=1>; rel=\"prev\", <" + server.baseUrl() + first + "&page=1>; rel=\"first\"")
        .withBody("[" + String.join(",", repo("web-shop", false, 300, "trunk"), repo("internal-tools", false, 10, "main")) + "]")));
    server.stubFor(get(urlEqualTo("/repos/acme/payments/contents/catalog-info.yaml?ref=main"))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
            .withBody("{\"type\":\"file\",\"name\":\"catalog-info.yaml\",\"path\":\"catalog-info.yaml\",\"sha\":\"3d21ec53a331a6f037a91c368710b99387d012c1\",\"size\":212}")));
    server.stubFor(get(urlEqualTo("/repos/acme/docs-site/contents/catalog-info.yaml?ref=main"))
        .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
            .withBody("{\"message\":\"Not Found\",\"documentation_url\":\"https://docs.github.com/rest/repos/contents#get-repository-content\",\"status\":\"404\"}")));
    server.stubFor(get(urlEqualTo("/repos/acme/web-shop/contents/catalog-info.yaml?ref=trunk"))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("{\"type\":\"file\"}")));
    server.stubFor(post(urlPathEqualTo("/api/catalog/locations"))
        .withRequestBody(equalToJson("{\"type\":\"url\",\"target\":\"https://github.com/acme/payments/blob/main/catalog-info.yaml\"}"))
        .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody("{\"location\":{},\"entities\":[]}")));
    server.stubFor(post(urlPathEqualTo("/api/catalog/locations"))
        .withRequestBody(equalToJson("{\"type\":\"url\",\"target\":\"https://github.com/acme/web-shop/blob/trunk/catalog-info.yaml\"}"))
        .willReturn(aResponse().withStatus(409).withHeader("Content-Type", "application/json")
            .withBody("{\"error\":{\"name\":\"ConflictError\",\"message\":\"Location already exists\"}}")));

    CatalogStubs.locations(server,
        "url:https://github.com/acme/payments/blob/main/catalog-info.yaml",
        "url:https://github.com/acme/legacy/blob/master/catalog-info.yaml",
        "url:https://github.com/acme/old-service/blob/main/catalog-info.yaml",
        "url:https://github.com/acme/old-service/blob/main/docs/catalog-info.yaml",
        "url:https://github.com/acme/old-service/blob/main/catalog-info.yml",
        "url:https://github.com/acme/internal-gone/blob/main/catalog-info.yaml",
        "url:https://github.com/other-org/old-service/blob/main/catalog-info.yaml",
        "url:https://ghe.acme.example/acme/old-service/blob/main/catalog-info.yaml",
        "file:/srv/catalog/acme/old-service/blob/main/catalog-info.yaml");

    OrgDiscovery.Outcome outcome = runOnce(discovery("(?!internal-).*"));

    assertEquals(List.of("https://github.com/acme/payments/blob/main/catalog-info.yaml"), outcome.registered());
    assertEquals(List.of("https://github.com/acme/web-shop/blob/trunk/catalog-info.yaml"), outcome.alreadyRegistered());
    assertEquals(List.of("https://github.com/acme/legacy"), outcome.archived());
    assertEquals(List.of("https://github.com/acme/scratch"), outcome.empty());
    assertEquals(List.of("https://github.com/acme/docs-site"), outcome.withoutCatalogFile());
    assertEquals(List.of(), outcome.errors());
    assertEquals(List.of("https://github.com/acme/legacy/blob/master/catalog-info.yaml",
        "https://github.com/acme/old-service/blob/main/catalog-info.yaml"), outcome.removed(), "archived and deleted, nothing a person registered");
    server.verify(2, deleteRequestedFor(urlPathMatching("/api/catalog/locations/.*")));
    server.verify(deleteRequestedFor(urlEqualTo("/api/catalog/locations/loc-1")));
    server.verify(deleteRequestedFor(urlEqualTo("/api/catalog/locations/loc-2")));
    server.verify(getRequestedFor(urlEqualTo(first)).withHeader("Authorization", equalTo("Bearer ghp_x")));
    server.verify(0, getRequestedFor(urlPathMatching("/repos/acme/(legacy|scratch|internal-tools)/.*")));
    server.verify(1, getRequestedFor(urlEqualTo(first))); // without topic filters the listing is read once
  }

  @Test
  void aNextPageOnAnotherHostIsNotFollowedWithTheToken() {
    server.stubFor(get(urlEqualTo("/orgs/acme/repos?per_page=100")).willReturn(aResponse().withStatus(200)
        .withHeader("Link", "<https://evil.example/orgs/acme/repos?page=2>; rel=\"next\"").withBody("[]")));
    OrgDiscovery.Outcome outcome = runOnce(discovery(".*"));
    assertEquals(1, outcome.errors().size());
    assertTrue(outcome.errors().get(0).contains("evil.example"), outcome.errors().toString());
    server.verify(2, anyRequestedFor(urlPathMatching(".*"))); // the organisation, then its first page
  }

  @Test
  void anOrganisationThatCannotBeListedLosesNoLocation() {
    server.stubFor(get(urlEqualTo("/orgs/acme/repos?per_page=100")).willReturn(aResponse().withStatus(502)));
    CatalogStubs.locations(server, "url:https://github.com/acme/payments/blob/main/catalog-info.yaml");
    OrgDiscovery.Outcome outcome = runOnce(discovery(".*"));
    assertEquals(1, outcome.errors().size(), outcome.toString());
    assertEquals(List.of(), outcome.removed());
    server.verify(0, deleteRequestedFor(urlPathMatching(".*")));
  }

  @Test
  void aRateLimitedListingFailsAtOnceSayingWhenTheLimitResetsAndLosesNoLocation() {
    long reset = Instant.now().getEpochSecond() + 1800;
    // GitHub's primary rate limit answer, headers as its REST reference documents them.
    server.stubFor(get(urlEqualTo("/orgs/acme/repos?per_page=100")).willReturn(aResponse().withStatus(403)
        .withHeader("Content-Type", "application/json; charset=utf-8")
        .withHeader("X-RateLimit-Limit", "5000").withHeader("X-RateLimit-Remaining", "0").withHeader("X-RateLimit-Used", "5000")
        .withHeader("X-RateLimit-Reset", Long.toString(reset)).withHeader("X-RateLimit-Resource", "core")
        .withBody("{\"message\":\"API rate limit exceeded for installation ID 1000.\","
            + "\"documentation_url\":\"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api\",\"status\":\"403\"}")));
    CatalogStubs.locations(server, "url:https://github.com/acme/payments/blob/main/catalog-info.yaml");

    OrgDiscovery.Outcome outcome = runOnce(discovery(".*"));

    assertEquals(1, outcome.errors().size(), outcome.toString());
    assertTrue(outcome.errors().get(0).matches("github\\.com/acme: GitHub answered 403 \\(rate limit used up; it resets in 1[78]\\d\\d s\\)"
        + " to the repositories of acme"), outcome.errors().get(0));
    server.verify(1, getRequestedFor(urlEqualTo("/orgs/acme/repos?per_page=100"))); // not slept on and tried again
    server.verify(0, deleteRequestedFor(urlPathMatching(".*")));
  }

  @Test
  void aSecondaryRateLimitOnOneRepositoryIsThatRepositorysErrorAndTheRestGoesOn() {
    server.stubFor(get(urlEqualTo("/orgs/acme/repos?per_page=100"))
        .willReturn(okJson("[" + String.join(",", repo("alpha"), repo("beta"), repo("gamma")) + "]")));
    server.stubFor(get(urlEqualTo("/repos/acme/alpha/contents/catalog-info.yaml?ref=main")).willReturn(okJson("{\"type\":\"file\"}")));
    server.stubFor(get(urlEqualTo("/repos/acme/beta/contents/catalog-info.yaml?ref=main")).willReturn(aResponse().withStatus(429)
        .withHeader("Content-Type", "application/json").withHeader("Retry-After", "60")
        .withBody("{\"message\":\"You have exceeded a secondary rate limit. Please wait a few minutes before you try again.\"}")));
    server.stubFor(get(urlEqualTo("/repos/acme/gamma/contents/catalog-info.yaml?ref=main")).willReturn(okJson("{\"type\":\"file\"}")));
    CatalogStubs.registersAnything(server);
    CatalogStubs.locations(server, "url:https://github.com/acme/beta/blob/main/catalog-info.yaml");

    OrgDiscovery.Outcome outcome = runOnce(discovery(".*"));

    assertEquals(List.of("https://github.com/acme/alpha/blob/main/catalog-info.yaml",
        "https://github.com/acme/gamma/blob/main/catalog-info.yaml"), outcome.registered());
    assertEquals(List.of("https://github.com/acme/beta: GitHub answered 429 (secondary rate limit; retry after 60 s) to beta:catalog-info.yaml"),
        outcome.errors());
    assertEquals(List.of(), outcome.removed(), "beta is still listed: its location stays");
    server.verify(1, getRequestedFor(urlEqualTo("/repos/acme/beta/contents/catalog-info.yaml?ref=main"))); // not slept on and tried again
  }

  @Test
  void withAGitHubAppDiscoveryCallsGitHubWithTheOrganisationsInstallationToken() {
    TestGitHubApp app = new TestGitHubApp();
    server.stubFor(get(urlPathEqualTo("/app/installations")).willReturn(okJson(TestGitHubApp.installations("acme"))));
    server.stubFor(post(urlEqualTo("/app/installations/1000/access_tokens")).willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json; charset=utf-8")
        .withBody(TestGitHubApp.accessToken("ghs_acme", Instant.now().plusSeconds(3600)))));
    server.stubFor(get(urlEqualTo("/orgs/acme/repos?per_page=100"))
        .willReturn(okJson("[" + repo("payments", false, 120, "main") + "]")));
    server.stubFor(get(urlEqualTo("/repos/acme/payments/contents/catalog-info.yaml?ref=main"))
        .willReturn(okJson("{\"type\":\"file\",\"name\":\"catalog-info.yaml\",\"path\":\"catalog-info.yaml\"}")));
    CatalogStubs.registersAnything(server);
    CatalogStubs.locations(server);

    OrgDiscovery.Outcome outcome = runOnce(discovery(".*", Map.of("host", "github.com", "apiBaseUrl", server.baseUrl(),
        "apps", List.of(Map.of("appId", TestGitHubApp.APP_ID, "privateKey", app.pkcs8Pem())))));

    assertEquals(List.of("https://github.com/acme/payments/blob/main/catalog-info.yaml"), outcome.registered(), outcome.toString());
    server.verify(getRequestedFor(urlEqualTo("/orgs/acme/repos?per_page=100")).withHeader("Authorization", equalTo("Bearer ghs_acme")));
    server.verify(getRequestedFor(urlEqualTo("/repos/acme/payments/contents/catalog-info.yaml?ref=main"))
        .withHeader("Authorization", equalTo("Bearer ghs_acme")));
    server.verify(1, postRequestedFor(urlEqualTo("/app/installations/1000/access_tokens")));
  }

  @Test
  void anInstallationTokenGitHubRefusesIsReplacedAndTheRequestSentAgain() {
    TestGitHubApp app = new TestGitHubApp();
    server.stubFor(get(urlPathEqualTo("/app/installations")).willReturn(okJson(TestGitHubApp.installations("acme"))));
    // The first token minted is revoked on GitHub by the time it is used; the second is good.
    server.stubFor(post(urlEqualTo("/app/installations/1000/access_tokens")).inScenario("tokens").whenScenarioStateIs(STARTED)
        .willSetStateTo("revoked").willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json; charset=utf-8")
            .withBody(TestGitHubApp.accessToken("ghs_revoked", Instant.now().plusSeconds(3600)))));
    server.stubFor(post(urlEqualTo("/app/installations/1000/access_tokens")).inScenario("tokens").whenScenarioStateIs("revoked")
        .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json; charset=utf-8")
            .withBody(TestGitHubApp.accessToken("ghs_new", Instant.now().plusSeconds(3600)))));
    server.stubFor(get(urlEqualTo("/orgs/acme")).withHeader("Authorization", equalTo("Bearer ghs_revoked")).willReturn(aResponse()
        .withStatus(401).withHeader("Content-Type", "application/json")
        .withBody("{\"message\":\"Bad credentials\",\"documentation_url\":\"https://docs.github.com/rest\",\"status\":\"401\"}")));
    server.stubFor(get(urlEqualTo("/orgs/acme/repos?per_page=100")).willReturn(okJson("[" + repo("payments", false, 120, "main") + "]")));
    server.stubFor(get(urlEqualTo("/repos/acme/payments/contents/catalog-info.yaml?ref=main")).willReturn(okJson("{\"type\":\"file\"}")));
    CatalogStubs.registersAnything(server);
    CatalogStubs.locations(server);

    OrgDiscovery.Outcome outcome = runOnce(discovery(".*", Map.of("host", "github.com", "apiBaseUrl", server.baseUrl(),
        "apps", List.of(Map.of("appId", TestGitHubApp.APP_ID, "privateKey", app.pkcs8Pem())))));

    assertEquals(List.of("https://github.com/acme/payments/blob/main/catalog-info.yaml"), outcome.registered(), outcome.toString());
    server.verify(2, postRequestedFor(urlEqualTo("/app/installations/1000/access_tokens")));
    server.verify(1, getRequestedFor(urlEqualTo("/orgs/acme")).withHeader("Authorization", equalTo("Bearer ghs_revoked")));
    server.verify(getRequestedFor(urlEqualTo("/orgs/acme/repos?per_page=100")).withHeader("Authorization", equalTo("Bearer ghs_new")));
  }

  @Test
  void aTokenGitHubRefusesAgainAfterItWasRenewedFailsTheCallWithTheRefusal() {
    TestGitHubApp app = new TestGitHubApp();
    server.stubFor(get(urlPathEqualTo("/app/installations")).willReturn(okJson(TestGitHubApp.installations("acme"))));
    for (int minted = 1; minted <= 3; minted++) {
      server.stubFor(post(urlEqualTo("/app/installations/1000/access_tokens")).inScenario("tokens")
          .whenScenarioStateIs(minted == 1 ? STARTED : "minted " + (minted - 1)).willSetStateTo("minted " + minted)
          .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json; charset=utf-8")
              .withBody(TestGitHubApp.accessToken("ghs_" + minted, Instant.now().plusSeconds(3600)))));
    }
    server.stubFor(get(urlEqualTo("/orgs/acme")).willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
        .withBody("{\"message\":\"Bad credentials\",\"status\":\"401\"}")));
    CatalogStubs.locations(server, "url:https://github.com/acme/payments/blob/main/catalog-info.yaml");

    OrgDiscovery.Outcome outcome = runOnce(discovery(".*", Map.of("host", "github.com", "apiBaseUrl", server.baseUrl(),
        "apps", List.of(Map.of("appId", TestGitHubApp.APP_ID, "privateKey", app.pkcs8Pem())))));

    assertEquals(List.of("github.com/acme: GitHub answered 401 to the repositories of acme"), outcome.errors());
    server.verify(2, postRequestedFor(urlEqualTo("/app/installations/1000/access_tokens"))); // one renewal, not one per retry
    server.verify(2, getRequestedFor(urlEqualTo("/orgs/acme")));
    server.verify(0, deleteRequestedFor(urlPathMatching(".*")));
  }

  @Test
  void aPrimaryRateLimitAnsweredWith429SaysWhenItResets() {
    server.stubFor(get(urlEqualTo("/orgs/acme/repos?per_page=100")).willReturn(aResponse().withStatus(429)
        .withHeader("Content-Type", "application/json").withHeader("X-RateLimit-Remaining", "0")
        .withHeader("X-RateLimit-Reset", Long.toString(Instant.now().getEpochSecond() + 600))
        .withBody("{\"message\":\"API rate limit exceeded\"}")));
    CatalogStubs.locations(server);

    OrgDiscovery.Outcome outcome = runOnce(discovery(".*"));

    assertTrue(outcome.errors().get(0).matches("github\\.com/acme: GitHub answered 429 \\(rate limit used up; it resets in [56]\\d\\d s\\)"
        + " to the repositories of acme"), outcome.errors().toString());
  }

  @Test
  void aNotFoundWithoutABodyMeansTheRepositoryHasNoCatalogFile() {
    server.stubFor(get(urlEqualTo("/orgs/acme/repos?per_page=100")).willReturn(okJson("[" + repo("payments", false, 120, "main") + "]")));
    server.stubFor(get(urlEqualTo("/repos/acme/payments/contents/catalog-info.yaml?ref=main")).willReturn(aResponse().withStatus(404)));
    CatalogStubs.locations(server);

    OrgDiscovery.Outcome outcome = runOnce(discovery(".*"));

    assertEquals(List.of("https://github.com/acme/payments"), outcome.withoutCatalogFile(), outcome.toString());
    assertEquals(List.of(), outcome.errors());
  }
}
