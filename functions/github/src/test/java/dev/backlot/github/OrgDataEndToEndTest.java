package dev.backlot.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import com.google.cloud.functions.invoker.runner.Invoker;
import dev.backlot.catalog.CatalogFunction;
import dev.backlot.github.orgdata.OctocodersApi;
import dev.backlot.platform.Plugin;
import dev.backlot.platform.auth.ServiceTokens;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.db.Database;
import dev.backlot.platform.http.Json;
import dev.backlot.platform.manifest.PluginManifest;
import dev.backlot.testing.TestTokens;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Org data end to end: WireMock plays GitHub's REST API for Octocoders, the real catalog function
 * receives the GitHub function's mutations, and the Groups and Users come back from the
 * catalog's {@code GET /entities} with their relations both ways.
 */
class OrgDataEndToEndTest {
  private static final String SECRET = "org-webhook-secret";
  private static final WireMockServer github = new WireMockServer(options().dynamicPort());
  private static final HttpClient http = HttpClient.newHttpClient();
  private static final String SCHEDULER = ServiceTokens.fromConfig(Config.of(TestTokens.withAuth(Map.of())), "scheduler").authorizationFor("github");
  private static Invoker catalogInvoker;
  private static Invoker githubInvoker;
  private static String catalogUrl;
  private static String githubUrl;

  /** The catalog on a fresh SQLite file, with nothing configured to read. */
  public static final class CatalogUnderTest implements HttpFunction {
    private final CatalogFunction catalog;

    public CatalogUnderTest() throws Exception {
      PluginManifest manifest = new PluginManifest("catalog", CatalogFunction.class.getName(), "/api/catalog", true, false,
          List.of(), List.of(), "/entities?limit=1", List.of(), PluginManifest.Resources.DEFAULT);
      Database database = Database.connect("jdbc:sqlite:" + Files.createTempDirectory("catalog").resolve("catalog.sqlite"));
      // The catalog's migrations only: this test's class path has the GitHub plugin's first.
      URL catalogCode = CatalogFunction.class.getProtectionDomain().getCodeSource().getLocation();
      catalog = new CatalogFunction(Plugin.withDatabase(manifest, Config.of(TestTokens.withAuth(Map.of())), database,
          new URLClassLoader(new URL[] {catalogCode}, null)));
    }

    @Override
    public void service(HttpRequest request, HttpResponse response) throws Exception {
      catalog.service(request, response);
    }
  }

  /** The GitHub plugin syncing Octocoders from WireMock into the catalog above. */
  public static final class GitHubUnderTest implements HttpFunction {
    private final GitHubFunction function;

    public GitHubUnderTest() throws Exception {
      Config config = Config.of(TestTokens.withAuth(Map.of(
          "backend", Map.of("baseUrl", catalogUrl),
          "integrations", Map.of("github", List.of(Map.of("host", "github.com", "apiBaseUrl", github.baseUrl(), "token", "ghp_test"))),
          "github", Map.of("webhookSecret", SECRET, "orgs", List.of(Map.of("organization", "Octocoders"))))));
      function = TestGitHubPlugin.function(config);
    }

    @Override
    public void service(HttpRequest request, HttpResponse response) throws Exception {
      function.service(request, response);
    }
  }

  @BeforeAll
  static void start() throws Exception {
    github.start();
    int catalogPort = freePort();
    catalogUrl = "http://127.0.0.1:" + catalogPort;
    catalogInvoker = new Invoker(catalogPort, CatalogUnderTest.class.getName(), "http", CatalogUnderTest.class.getClassLoader());
    catalogInvoker.startTestServer();
    int githubPort = freePort();
    githubUrl = "http://127.0.0.1:" + githubPort;
    githubInvoker = new Invoker(githubPort, GitHubUnderTest.class.getName(), "http", GitHubUnderTest.class.getClassLoader());
    githubInvoker.startTestServer();
  }

  @AfterAll
  static void stop() throws Exception {
    githubInvoker.stopServer();
    catalogInvoker.stopServer();
    github.stop();
  }

  /** Every test starts from GitHub's Octocoders, synced once. */
  @BeforeEach
  void synced() throws Exception {
    github.resetAll();
    OctocodersApi.stub(github);
    assertEquals(200, orgSync().statusCode());
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static java.net.http.HttpResponse<String> orgSync() throws Exception {
    return http.send(java.net.http.HttpRequest.newBuilder(URI.create(githubUrl + "/api/github/org-sync"))
        .header("Authorization", SCHEDULER).POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
  }

  /** An entity as the catalog serves it to a signed-in person; null when it has none. */
  private static JsonNode entity(String kind, String name) throws Exception {
    var response = http.send(java.net.http.HttpRequest.newBuilder(URI.create(catalogUrl + "/api/catalog/entities?filter=kind=" + kind
        + ",metadata.name=" + name)).header("Authorization", TestTokens.authorization()).GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    JsonNode found = Json.MAPPER.readTree(response.body());
    return found.isEmpty() ? null : found.get(0);
  }

  private static List<String> relations(String kind, String name) throws Exception {
    List<String> found = new ArrayList<>();
    entity(kind, name).get("relations").forEach(r -> found.add(r.path("type").asText() + " " + r.path("targetRef").asText()));
    return found;
  }

  private static java.net.http.HttpResponse<String> deliver(String event, String resource) throws Exception {
    return deliver(event, resource(resource).getBytes(StandardCharsets.UTF_8));
  }

  private static String resource(String name) throws Exception {
    try (InputStream in = OrgDataEndToEndTest.class.getResourceAsStream("/github/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static java.net.http.HttpResponse<String> deliver(String event, byte[] body) throws Exception {
    return http.send(java.net.http.HttpRequest.newBuilder(URI.create(githubUrl + "/api/github/webhook"))
        .header("Content-Type", "application/json")
        .header("X-GitHub-Event", event)
        .header("X-GitHub-Delivery", UUID.randomUUID().toString())
        .header("X-Hub-Signature-256", GitHubFunctionTest.sign(body, SECRET))
        .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void groupsAndUsersArriveInTheCatalogWithTheirRelations() throws Exception {
    assertEquals(List.of("childOf group:default/engineering", "hasMember user:default/mona"), relations("group", "platform"));
    assertEquals(List.of("hasMember user:default/codertocat", "parentOf group:default/payments", "parentOf group:default/platform"),
        relations("group", "engineering"));
    assertEquals(List.of("memberOf group:default/platform"), relations("user", "mona"));
    assertEquals(List.of(), relations("user", "octocat"), "in the organisation, in no team");
    assertEquals("Mona Lisa Octocat", entity("user", "mona").at("/spec/profile/displayName").asText());

    JsonNode again = Json.MAPPER.readTree(orgSync().body()).at("/organizations/0");
    assertEquals("github.com/Octocoders", again.path("organization").asText());
    assertEquals(7, again.at("/applied/unchanged").asInt(), again.toString());
    assertEquals(0, again.at("/applied/added").asInt() + again.at("/applied/updated").asInt(), "nothing changed on GitHub, nothing is rewritten");
  }

  @Test
  void aDeletedTeamLeavesTheCatalogWhenItsWebhookArrives() throws Exception {
    OctocodersApi.deletePaymentsTeam(github);
    var response = deliver("team", "team-deleted.json");
    assertEquals(200, response.statusCode(), response.body());
    JsonNode applied = Json.MAPPER.readTree(response.body()).at("/orgSync/applied");
    assertEquals(1, applied.path("removed").asInt(), response.body());
    assertEquals(null, entity("group", "payments"));
    assertEquals(List.of("hasMember user:default/codertocat", "parentOf group:default/platform"), relations("group", "engineering"));
    assertEquals(List.of(), relations("user", "hubot"), "hubot is still in the organisation, in no team now");
  }

  @Test
  void eventsThatChangeNoTeamOrMemberAndOtherOrganisationsAreIgnored() throws Exception {
    github.resetRequests();
    var repositoryAdded = deliver("team", "team-added_to_repository.json");
    assertEquals(200, repositoryAdded.statusCode(), repositoryAdded.body());
    assertTrue(Json.MAPPER.readTree(repositoryAdded.body()).path("ignored").asBoolean(), repositoryAdded.body());
    byte[] elsewhere = resource("membership-added.json").replace("Octocoders", "Someone-Else").getBytes(StandardCharsets.UTF_8);
    var other = deliver("membership", elsewhere);
    assertEquals(200, other.statusCode(), other.body());
    assertEquals("github.com/Someone-Else is not in github.orgs", Json.MAPPER.readTree(other.body()).path("reason").asText());
    github.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void aWebhookReadsTheProfilesOfNewMembersOnly() throws Exception {
    OctocodersApi.addMember(github, "newbie", 5);
    github.resetRequests();
    var response = deliver("organization", "organization-member_added.json");
    assertEquals(200, response.statusCode(), response.body());
    JsonNode applied = Json.MAPPER.readTree(response.body()).at("/orgSync/applied");
    assertEquals(1, applied.path("added").asInt(), response.body());
    assertEquals(7, applied.path("unchanged").asInt(), "profiles taken from the catalog map to the same entities");
    assertEquals("New Member", entity("user", "newbie").at("/spec/profile/displayName").asText());
    github.verify(1, getRequestedFor(urlEqualTo("/users/newbie")));
    github.verify(0, getRequestedFor(urlPathMatching("/users/(mona|hubot|codertocat|octocat)")));

    github.resetRequests();
    assertEquals(200, orgSync().statusCode());
    github.verify(0, getRequestedFor(urlPathMatching("/users/.*"))); // the scheduled sync too: every profile was read within the day
  }

  @Test
  void whenGitHubCannotBeReadTheCatalogKeepsItsEntitiesAndTheDeliveryCanBeRetried() throws Exception {
    github.stubFor(OctocodersApi.listing(OctocodersApi.TEAMS).willReturn(aResponse().withStatus(500)));
    // Another member added than the other tests' (a body of its own: the same body again would be a replay).
    var failed = deliver("organization", resource("organization-member_added.json").replace("octocat", "hubot").getBytes(StandardCharsets.UTF_8));
    assertEquals(503, failed.statusCode(), failed.body());
    assertEquals("ServiceUnavailableError", Json.MAPPER.readTree(failed.body()).at("/error/name").asText());
    assertEquals(List.of("memberOf group:default/platform"), relations("user", "mona"));
    assertTrue(entity("user", "octocat") != null);

    OctocodersApi.stub(github);
    var membership = deliver("membership", "membership-added.json");
    assertEquals(200, membership.statusCode(), membership.body());
    assertEquals(7, Json.MAPPER.readTree(membership.body()).at("/orgSync/applied/unchanged").asInt(), membership.body());
  }
}
