package dev.backlot.techdocs;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.backlot.platform.http.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * POST /sync builds docs whose source is on GitHub (a WireMock GitHub serving examples/' checkout
 * docs in the Git Data API's shapes), through the real invoker, and refuses what it must not read.
 */
class GitHubSyncTest {
  /** A made-up token for the WireMock GitHub; it must reach only that host. */
  static final String TOKEN = "ghs_0000000000000000000000000000000000";
  static final String CATALOG_FILE = "url:https://github.example/acme/shop/blob/main/catalog-info.yaml";

  private final WireMockServer github = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
  private final WireMockServer elsewhere = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
  private CatalogStandIn catalog;
  private RunningTechDocs techdocs;
  private GitHubRepository shop;
  private Map<String, byte[]> files;

  @BeforeEach
  void start() throws Exception {
    github.start();
    elsewhere.start();
    github.stubFor(get(anyUrl()).atPriority(10).willReturn(GitHubRepository.json(404, Json.object().put("message", "Not Found"))));
    elsewhere.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{}")));
    files = new TreeMap<>();
    Path example = Path.of("../../examples/systems/checkout-service");
    try (Stream<Path> walk = Files.walk(example)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        files.put("checkout-service/" + example.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
      }
    }
    files.put("catalog-info.yaml", "# the catalog file the entity came from\n".getBytes(StandardCharsets.UTF_8));
    shop = new GitHubRepository(github, "acme", "shop");
    shop.publish("main", files);
    catalog = new CatalogStandIn();
    techdocs = startTechDocs(Map.of());
  }

  private RunningTechDocs startTechDocs(Map<String, Object> generatorLimits) throws Exception {
    return RunningTechDocs.start(catalog.baseUrl(), Map.of("generator", generatorLimits), Map.of("integrations", Map.of("github",
        List.of(Map.of("host", "github.example", "apiBaseUrl", github.baseUrl(), "token", TOKEN)))));
  }

  @AfterEach
  void stop() throws Exception {
    techdocs.close();
    catalog.close();
    github.stop();
    elsewhere.stop();
  }

  private static Map<String, Object> entity(String name, String ref, String location) {
    return Map.of("kind", "Component", "metadata", Map.of("namespace", "default", "name", name,
        "annotations", Map.of("backstage.io/techdocs-ref", ref, "backstage.io/managed-by-location", location)));
  }

  private JsonNode sync() throws Exception {
    var answer = techdocs.post("/sync", RunningTechDocs.SCHEDULER);
    assertEquals(200, answer.statusCode(), answer.body());
    return Json.MAPPER.readTree(answer.body());
  }

  private List<LoggedRequest> requests(String urlRegex) {
    return github.findAll(getRequestedFor(urlMatching(urlRegex)));
  }

  private Path site(String name) {
    return techdocs.sites().resolve("default/component/" + name);
  }

  @Test
  void aDirReferenceNextToACatalogFileOnGitHubIsBuiltFromThatRepositoryWithTheIntegrationsToken() throws Exception {
    catalog.put(entity("checkout-service", "dir:./checkout-service", CATALOG_FILE));
    JsonNode report = sync();
    assertEquals(1, report.path("built").asInt(), report.toString());
    assertTrue(Files.isRegularFile(site("checkout-service").resolve("operations/runbook/index.html")));
    assertTrue(Files.isRegularFile(site("checkout-service").resolve("images/checkout-flow.svg")));
    assertEquals(64, Json.MAPPER.readTree(site("checkout-service").resolve("techdocs_metadata.json").toFile()).path("etag").asText().length());
    String home = Files.readString(site("checkout-service").resolve("index.html"));
    assertTrue(home.contains("https://github.example/acme/shop/edit/main/checkout-service/docs/index.md"), "edit this page, on GitHub");
    List<LoggedRequest> all = github.findAll(anyRequestedFor(anyUrl()));
    assertFalse(all.isEmpty());
    all.forEach(request -> assertEquals("Bearer " + TOKEN, request.getHeader("Authorization"), request.getUrl()));
    all.forEach(request -> assertEquals("backlot-techdocs", request.getHeader("User-Agent")));
  }

  @Test
  void anUnchangedFolderIsToldByItsTreeAloneAndAChangedPageRebuildsTheSite() throws Exception {
    catalog.put(entity("checkout-service", "dir:./checkout-service", CATALOG_FILE));
    assertEquals(1, sync().path("built").asInt());
    github.resetRequests();
    JsonNode again = sync();
    assertEquals(1, again.path("unchanged").asInt(), again.toString());
    assertEquals(List.of(), requests(".*recursive.*"), "no listing of the docs");
    assertEquals(1, requests(".*/git/blobs/.*").size(), "mkdocs.yml only");

    Map<String, byte[]> changed = new TreeMap<>(files);
    changed.put("checkout-service/docs/index.md", "# Checkout service\n\nRewritten on GitHub.\n".getBytes(StandardCharsets.UTF_8));
    shop.publish("main", changed);
    JsonNode rebuilt = sync();
    assertEquals(1, rebuilt.path("built").asInt(), rebuilt.toString());
    assertTrue(Files.readString(site("checkout-service").resolve("index.html")).contains("Rewritten on GitHub."));
  }

  @Test
  void aUrlReferenceToAFolderOnGitHubIsBuilt() throws Exception {
    catalog.put(entity("shop-docs", "url:https://github.example/acme/shop/tree/main/checkout-service", "url:https://other.example/catalog-info.yaml"));
    JsonNode report = sync();
    assertEquals(1, report.path("built").asInt(), report.toString());
    assertTrue(Files.isRegularFile(site("shop-docs").resolve("architecture/index.html")));
  }

  @Test
  void nothingIsFetchedFromHostsThatAreNotGitHubHostsOfIntegrationsNorOutsideTheFilesFolder() throws Exception {
    int port = elsewhere.port();
    catalog.put(entity("loopback", "url:http://127.0.0.1:" + port + "/acme/shop/tree/main/checkout-service", CATALOG_FILE));
    catalog.put(entity("other-host", "url:https://evil.example/acme/shop/tree/main/checkout-service", CATALOG_FILE));
    catalog.put(entity("from-gitlab", "dir:.", "url:https://gitlab.example/acme/shop/-/blob/main/catalog-info.yaml"));
    catalog.put(entity("dotted", "url:https://github.example/acme/shop/tree/main/../../../other/secrets/tree/main", CATALOG_FILE));
    catalog.put(entity("encoded-dots", "url:https://github.example/acme/shop/tree/main/%2e%2e/%2e%2e/other", CATALOG_FILE));
    catalog.put(entity("climbing", "dir:../..", CATALOG_FILE));
    catalog.put(entity("a-file", "url:https://github.example/acme/shop/blob/main/checkout-service/mkdocs.yml", CATALOG_FILE));
    JsonNode report = sync();
    assertEquals(0, report.path("built").asInt(), report.toString());
    assertEquals(3, report.path("skipped").size(), report.toString());
    assertEquals(4, report.path("failed").size(), report.toString());
    for (JsonNode failure : report.path("failed")) {
      String message = failure.path("message").asText();
      assertTrue(message.contains("not a plain GitHub folder URL") || message.contains("leaves the folder") || message.contains("names a file"),
          failure.toString());
    }
    assertEquals(0, elsewhere.findAll(anyRequestedFor(anyUrl())).size(), "the other host is never asked");
    assertEquals(0, github.findAll(anyRequestedFor(anyUrl())).size(), "refused before any request");
  }

  @Test
  void aListedPathThatIsNotPlainAndRelativeFailsTheBuildBeforeAnyPageIsRead() throws Exception {
    catalog.put(entity("checkout-service", "dir:./checkout-service", CATALOG_FILE));
    String docs = shop.treeSha(files, "checkout-service/docs/");
    for (String path : List.of("../../../catalog-info.md", "operations/../../x.md", "/etc/passwd.md", "a\\..\\b.md", "./index.md", "ops//x.md", "bell\u0007.md")) {
      github.resetRequests();
      listing(docs, Json.object().put("path", path).put("mode", "100644").put("type", "blob").put("sha", "1".repeat(40)).put("size", 10));
      JsonNode report = sync();
      assertEquals(0, report.path("built").asInt(), path);
      assertTrue(report.at("/failed/0/message").asText().contains("not a plain relative path"), report.toString());
      assertEquals(1, requests(".*/git/blobs/.*").size(), "only mkdocs.yml was read: " + path);
    }
    assertFalse(Files.exists(site("checkout-service")), "nothing was published");
  }

  /** The docs folder's recursive listing answers {@code entry} among its real files. */
  private void listing(String treeSha, ObjectNode entry) {
    ObjectNode answer = Json.object().put("sha", treeSha).put("truncated", false);
    answer.putArray("tree").add(Json.object().put("path", "index.md").put("mode", "100644").put("type", "blob")
        .put("sha", GitHubRepository.blobSha(files.get("checkout-service/docs/index.md"))).put("size", files.get("checkout-service/docs/index.md").length))
        .add(entry);
    github.stubFor(get(urlEqualTo(shop.base() + "/git/trees/" + treeSha + "?recursive=1")).willReturn(GitHubRepository.json(200, answer)));
  }

  @Test
  void listingsBeyondTheGeneratorsLimitsAreRefusedBeforeTheirFilesAreRead() throws Exception {
    catalog.put(entity("checkout-service", "dir:./checkout-service", CATALOG_FILE));
    String docs = shop.treeSha(files, "checkout-service/docs/");
    listing(docs, Json.object().put("path", "huge.md").put("mode", "100644").put("type", "blob").put("sha", "2".repeat(40)).put("size", 5_000_000));
    assertTrue(sync().at("/failed/0/message").asText().contains("page huge.md is larger than 1048576 bytes"));
    listing(docs, Json.object().put("path", "video.mp4").put("mode", "100644").put("type", "blob").put("sha", "3".repeat(40)).put("size", 60L << 20));
    assertTrue(sync().at("/failed/0/message").asText().contains("more than 52428800 bytes"));
    ObjectNode truncated = Json.object().put("sha", docs).put("truncated", true);
    truncated.putArray("tree");
    github.stubFor(get(urlEqualTo(shop.base() + "/git/trees/" + docs + "?recursive=1")).willReturn(GitHubRepository.json(200, truncated)));
    assertTrue(sync().at("/failed/0/message").asText().contains("truncated"));
    assertEquals(List.of(), requests(".*/git/blobs/(2|3)+"), "no oversize file was read");

    techdocs.close();
    techdocs = startTechDocs(Map.of("maxFiles", 3));
    shop.publish("main", files);
    github.resetRequests();
    JsonNode report = sync();
    assertTrue(report.at("/failed/0/message").asText().contains("more than 2 files"), report.toString());
    assertEquals(1, requests(".*/git/blobs/.*").size(), "only mkdocs.yml was read");
    assertFalse(Files.exists(site("checkout-service")));
  }

  @Test
  void aRedirectToAnotherHostIsNotFollowedSoTheTokenNeverLeavesGitHub() throws Exception {
    catalog.put(entity("checkout-service", "dir:./checkout-service", CATALOG_FILE));
    github.stubFor(get(urlEqualTo(shop.base() + "/git/trees/main")).willReturn(aResponse().withStatus(301)
        .withHeader("Location", elsewhere.baseUrl() + shop.base() + "/git/trees/main")));
    JsonNode report = sync();
    assertEquals(0, report.path("built").asInt());
    assertTrue(report.at("/failed/0/message").asText().contains("HTTP 301"), report.toString());
    assertEquals(0, elsewhere.findAll(anyRequestedFor(anyUrl())).size(), "nothing, and no token, went to the other host");
  }

  @Test
  void aRedirectOnGitHubsOwnHostIsFollowedAsForAMovedRepository() throws Exception {
    catalog.put(entity("checkout-service", "dir:./checkout-service", "url:https://github.example/acme/old-shop/blob/main/catalog-info.yaml"));
    // GitHub answers a renamed repository's URLs with a 301 to the repository's new place on the same host.
    github.stubFor(get(urlMatching("/repos/acme/old-shop/.*")).willReturn(aResponse().withStatus(301)
        .withHeader("Location", "{{regexExtract request.url '/repos/acme/old-shop(/.*)' 'parts'}}/repos/acme/shop{{parts.0}}")
        .withTransformers("response-template")));
    JsonNode report = sync();
    assertEquals(1, report.path("built").asInt(), report.toString());
  }

  @Test
  void aSitePublishedByCiIsNeverOverwritten() throws Exception {
    catalog.put(entity("checkout-service", "dir:./checkout-service", CATALOG_FILE));
    Files.createDirectories(site("checkout-service"));
    Files.writeString(site("checkout-service").resolve("index.html"), "built by CI");
    Files.writeString(site("checkout-service").resolve("techdocs_metadata.json"),
        "{\"site_name\":\"Checkout\",\"etag\":\"" + "a".repeat(40) + "\",\"files\":[\"index.html\"]}");
    JsonNode report = sync();
    assertEquals(0, report.path("built").asInt());
    assertTrue(report.at("/skipped/0/reason").asText().contains("published by CI"), report.toString());
    assertEquals("built by CI", Files.readString(site("checkout-service").resolve("index.html")));
    assertEquals(0, github.findAll(anyRequestedFor(anyUrl())).size());
  }
}
