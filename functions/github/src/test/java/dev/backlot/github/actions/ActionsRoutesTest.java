package dev.backlot.github.actions;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import com.google.cloud.functions.invoker.runner.Invoker;
import dev.backlot.github.GitHubFunction;
import dev.backlot.github.TestGitHubPlugin;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.http.Json;
import dev.backlot.testing.TestTokens;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The CI/CD tab's routes through the real invoker, a WireMock catalog that answers each entity to
 * the people who may read it (X-Forwarded-Authorization), and a WireMock GitHub answering in the
 * shapes of GitHub's REST API reference (list workflow runs for a repository, list jobs for a
 * workflow run, re-run a workflow).
 */
class ActionsRoutesTest {
  private static final String GITHUB_TOKEN = "ghp_integration_token";
  private static final String GUEST = "Bearer " + TestTokens.userToken("user:default/guest");
  private static final String ADMIN = "Bearer " + TestTokens.userToken("user:default/grace.hopper", "user:default/grace.hopper", "group:default/platform-team");
  private static final String RUNS_PATH = "/repos/octo-org/octo-repo/actions/runs";

  private static final WireMockServer catalog = new WireMockServer(options().dynamicPort());
  private static final WireMockServer github = new WireMockServer(options().dynamicPort());
  private static final HttpClient http = HttpClient.newHttpClient();
  private static Invoker invoker;
  private static int port;
  private static String runsJson;
  private static String jobsJson;

  /** The plugin on a fresh SQLite file, with the WireMock catalog and GitHub. */
  public static final class GitHubUnderTest implements HttpFunction {
    private final GitHubFunction function;

    public GitHubUnderTest() throws Exception {
      Config config = Config.of(TestTokens.withAuth(Map.of(
          "backend", Map.of("baseUrl", catalog.baseUrl()),
          "integrations", Map.of("github", List.of(Map.of("host", "github.com", "apiBaseUrl", github.baseUrl(), "token", GITHUB_TOKEN))),
          "backlot", Map.of("auth", Map.of("adminGroups", List.of("group:default/platform-team"))))));
      function = TestGitHubPlugin.function(config);
    }

    @Override
    public void service(HttpRequest request, HttpResponse response) throws Exception {
      function.service(request, response);
    }
  }

  @BeforeAll
  static void start() throws Exception {
    runsJson = resource("/github/actions/workflow-runs.json");
    jobsJson = resource("/github/actions/run-jobs.json");
    catalog.start();
    github.start();
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    invoker = new Invoker(port, GitHubUnderTest.class.getName(), "http", GitHubUnderTest.class.getClassLoader());
    invoker.startTestServer();
  }

  @AfterAll
  static void stop() throws Exception {
    invoker.stopServer();
    catalog.stop();
    github.stop();
  }

  private static String resource(String path) throws Exception {
    try (InputStream in = ActionsRoutesTest.class.getResourceAsStream(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Every test reads its own entity (the cache is keyed by repository, so each gets a repository of its own where that matters). */
  @BeforeEach
  void reset() {
    catalog.resetAll();
    github.resetAll();
    catalog.stubFor(get(anyUrl()).atPriority(10).willReturn(aResponse().withStatus(404)
        .withHeader("Content-Type", "application/json").withBody("{\"error\":{\"name\":\"NotFoundError\",\"message\":\"no such entity\"}}")));
  }

  /** The catalog answers {@code name} (with {@code slug}) to everyone, or only to {@code reader} when given. */
  private static void entity(String name, String slug, String reader) {
    var mapping = get(urlPathEqualTo("/api/catalog/entities/by-name/component/default/" + name)).atPriority(1);
    if (reader != null) {
      mapping = mapping.withHeader("X-Forwarded-Authorization", equalTo(reader));
    }
    String annotations = slug == null ? "{}" : Json.MAPPER.createObjectNode().put("github.com/project-slug", slug).toString();
    catalog.stubFor(mapping.willReturn(okJson("{\"apiVersion\":\"backstage.io/v1alpha1\",\"kind\":\"Component\",\"metadata\":{\"namespace\":\"default\",\"name\":\""
        + name + "\",\"annotations\":" + annotations + "},\"spec\":{}}")));
  }

  private static void githubRuns(String repoPath) {
    github.stubFor(get(urlEqualTo(repoPath + "/actions/runs?per_page=20")).willReturn(okJson(runsJson)));
  }

  private static java.net.http.HttpResponse<String> call(String method, String pathAndQuery, String authorization) throws Exception {
    var request = java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/github" + pathAndQuery))
        .header("Authorization", authorization).method(method, java.net.http.HttpRequest.BodyPublishers.noBody()).build();
    return http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
  }

  private static String ref(String name) {
    return URLEncoder.encode("component:default/" + name, StandardCharsets.UTF_8);
  }

  @Test
  void listsAnEntitysRecentRunsFromItsProjectSlugWithTheIntegrationsToken() throws Exception {
    entity("octo-service", "octo-org/octo-repo", null);
    githubRuns("/repos/octo-org/octo-repo");
    var answer = call("GET", "/actions/runs?entityRef=" + ref("octo-service"), GUEST);
    assertEquals(200, answer.statusCode(), answer.body());
    JsonNode body = Json.MAPPER.readTree(answer.body());
    assertEquals("octo-org/octo-repo", body.path("repository").asText());
    assertEquals(2, body.path("runs").size());
    JsonNode queued = body.path("runs").get(0);
    assertEquals(30433642L, queued.path("id").asLong());
    assertEquals("queued", queued.path("status").asText());
    assertTrue(queued.path("conclusion").isNull());
    assertEquals("master", queued.path("branch").asText());
    assertEquals("acb5820ced9479c074f688cc328bf03f341a511d", queued.path("sha").asText());
    assertEquals("Create linter.yaml", queued.path("message").asText());
    assertTrue(queued.path("durationSeconds").isNull(), "a run not finished has no duration yet");
    assertEquals("https://github.com/octo-org/octo-repo/actions/runs/30433642", queued.path("htmlUrl").asText());
    JsonNode done = body.path("runs").get(1);
    assertEquals("completed", done.path("status").asText());
    assertEquals("success", done.path("conclusion").asText());
    assertEquals("fix-linter", done.path("branch").asText());
    assertEquals(132, done.path("durationSeconds").asLong(), "19:20:00 to 19:22:12");
    github.verify(getRequestedFor(urlEqualTo(RUNS_PATH + "?per_page=20")).withHeader("Authorization", equalTo("Bearer " + GITHUB_TOKEN)));
    assertFalse(answer.body().contains(GITHUB_TOKEN));
  }

  @Test
  void readsGitHubOnceWhileTheRunsAreCachedAndAgainAfterARerun() throws Exception {
    entity("cached-service", "octo-org/cached-repo", null);
    githubRuns("/repos/octo-org/cached-repo");
    github.stubFor(post(urlEqualTo("/repos/octo-org/cached-repo/actions/runs/30433641/rerun")).willReturn(aResponse().withStatus(201)));
    for (int i = 0; i < 3; i++) {
      assertEquals(200, call("GET", "/actions/runs?entityRef=" + ref("cached-service"), GUEST).statusCode());
    }
    github.verify(1, getRequestedFor(urlPathEqualTo("/repos/octo-org/cached-repo/actions/runs")));
    var rerun = call("POST", "/actions/runs/30433641/rerun?entityRef=" + ref("cached-service"), ADMIN);
    assertEquals(202, rerun.statusCode(), rerun.body());
    github.verify(1, postRequestedFor(urlEqualTo("/repos/octo-org/cached-repo/actions/runs/30433641/rerun"))
        .withHeader("Authorization", equalTo("Bearer " + GITHUB_TOKEN)));
    assertEquals(200, call("GET", "/actions/runs?entityRef=" + ref("cached-service"), GUEST).statusCode());
    github.verify(2, getRequestedFor(urlPathEqualTo("/repos/octo-org/cached-repo/actions/runs")));
  }

  @Test
  void showsARunsJobsWithTheirSteps() throws Exception {
    entity("octo-service", "octo-org/octo-repo", null);
    github.stubFor(get(urlEqualTo(RUNS_PATH + "/29679449/jobs?per_page=100")).willReturn(okJson(jobsJson)));
    var answer = call("GET", "/actions/runs/29679449/jobs?entityRef=" + ref("octo-service"), GUEST);
    assertEquals(200, answer.statusCode(), answer.body());
    JsonNode job = Json.MAPPER.readTree(answer.body()).path("jobs").get(0);
    assertEquals("build", job.path("name").asText());
    assertEquals(119, job.path("durationSeconds").asLong(), "17:42:40 to 17:44:39");
    assertEquals("https://github.com/octo-org/octo-repo/runs/29679449/jobs/399444496", job.path("htmlUrl").asText());
    assertEquals(List.of("Set up job", "Run actions/checkout@v2", "Set up Ruby", "Run actions/cache@v3", "Install Bundler", "Install Gems",
        "Run Tests", "Deploy to Heroku", "Post actions/cache@v3", "Complete job"),
        Json.MAPPER.convertValue(job.path("steps").findValuesAsText("name"), List.class));
    assertEquals(100, job.path("steps").get(7).path("durationSeconds").asLong(), "Deploy to Heroku, 09:42:59-08:00 to 09:44:39-08:00");
  }

  @Test
  void anEntityTheCallerMayNotReadIsNotFoundAndGitHubIsNeverAsked() throws Exception {
    entity("secret-service", "octo-org/secret-repo", ADMIN);
    githubRuns("/repos/octo-org/secret-repo");
    github.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(201)));
    assertEquals(404, call("GET", "/actions/runs?entityRef=" + ref("secret-service"), GUEST).statusCode());
    assertEquals(404, call("GET", "/actions/runs/30433642/jobs?entityRef=" + ref("secret-service"), GUEST).statusCode());
    assertEquals(404, call("GET", "/actions/runs?entityRef=" + ref("no-such-service"), GUEST).statusCode());
    github.verify(0, anyRequestedFor(anyUrl()));
    assertEquals(200, call("GET", "/actions/runs?entityRef=" + ref("secret-service"), ADMIN).statusCode(), "its reader sees it");
  }

  @Test
  void aSlugWithTraversalOrCharactersGitHubNamesNeverHaveIsRefusedBeforeGitHubIsAsked() throws Exception {
    List<String> slugs = List.of("../../orgs/acme", "octo-org/../../../user", "octo-org/octo-repo/../../x", "octo-org/..", "octo-org/.",
        "octo-org/octo%2Frepo", "octo-org/repo?per_page=1", "octo-org/repo#x", "octo-org", "/octo-repo", "-octo/repo", "octo--/repo",
        "octo-org/re po", "octo-org/repo\\x", "https://evil.example/x", "octo-org/" + "r".repeat(101));
    for (int i = 0; i < slugs.size(); i++) {
      entity("odd-" + i, slugs.get(i), null);
      var answer = call("GET", "/actions/runs?entityRef=" + ref("odd-" + i), GUEST);
      assertEquals(400, answer.statusCode(), slugs.get(i) + ": " + answer.body());
      assertTrue(answer.body().contains("github.com/project-slug"), answer.body());
    }
    entity("no-slug", null, null);
    assertEquals(400, call("GET", "/actions/runs?entityRef=" + ref("no-slug"), GUEST).statusCode());
    github.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void aMissingOrMalformedEntityRefOrRunIdIsABadRequest() throws Exception {
    entity("octo-service", "octo-org/octo-repo", null);
    assertEquals(400, call("GET", "/actions/runs", GUEST).statusCode());
    assertEquals(400, call("GET", "/actions/runs?entityRef=", GUEST).statusCode());
    assertEquals(400, call("GET", "/actions/runs?entityRef=no-kind", GUEST).statusCode());
    assertEquals(400, call("GET", "/actions/runs?entityRef=" + "x".repeat(2000), GUEST).statusCode());
    for (String runId : List.of("abc", "0", "-1", "1e3", "1" + "0".repeat(19), "1%2F..%2F..")) {
      assertEquals(400, call("GET", "/actions/runs/" + runId + "/jobs?entityRef=" + ref("octo-service"), GUEST).statusCode(), runId);
    }
    github.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void onlyThoseAllowedMayRerunAndTheTabCanAskFirst() throws Exception {
    entity("octo-service", "octo-org/octo-repo", null);
    github.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(201)));
    var refused = call("POST", "/actions/runs/30433642/rerun?entityRef=" + ref("octo-service"), GUEST);
    assertEquals(403, refused.statusCode(), refused.body());
    assertEquals(403, call("GET", "/actions/rerun-permission", GUEST).statusCode());
    github.verify(0, anyRequestedFor(anyUrl()));
    assertEquals(200, call("GET", "/actions/rerun-permission", ADMIN).statusCode());
    JsonNode metadata = Json.MAPPER.readTree(call("GET", "/.well-known/backstage/permissions/metadata", ADMIN).body());
    assertTrue(metadata.path("permissions").findValuesAsText("name").contains("github.actions.rerun"), metadata.toString());
  }

  @Test
  void aRerunGitHubDeclinesIsAConflictWithGitHubsReason() throws Exception {
    entity("old-service", "octo-org/old-repo", null);
    github.stubFor(post(urlEqualTo("/repos/octo-org/old-repo/actions/runs/30433642/rerun")).willReturn(aResponse().withStatus(403)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"message\":\"Unable to re-run this workflow run because it was created over a month ago\",\"documentation_url\":\"https://docs.github.com/rest\"}")));
    var answer = call("POST", "/actions/runs/30433642/rerun?entityRef=" + ref("old-service"), ADMIN);
    assertEquals(409, answer.statusCode(), answer.body());
    assertTrue(answer.body().contains("created over a month ago"), answer.body());
  }

  @Test
  void gitHubsRateLimitAndMissingRepositoryAreClearErrors() throws Exception {
    entity("limited-service", "octo-org/limited-repo", null);
    github.stubFor(get(urlPathEqualTo("/repos/octo-org/limited-repo/actions/runs")).willReturn(aResponse().withStatus(403)
        .withHeader("X-RateLimit-Remaining", "0").withHeader("X-RateLimit-Reset", "1700000000")
        .withHeader("Content-Type", "application/json").withBody("{\"message\":\"API rate limit exceeded\"}")));
    var limited = call("GET", "/actions/runs?entityRef=" + ref("limited-service"), GUEST);
    assertEquals(503, limited.statusCode(), limited.body());
    assertTrue(limited.body().contains("2023-11-14T22:13:20Z"), limited.body());
    entity("gone-service", "octo-org/gone-repo", null);
    github.stubFor(get(urlPathEqualTo("/repos/octo-org/gone-repo/actions/runs")).willReturn(aResponse().withStatus(404)
        .withHeader("Content-Type", "application/json").withBody("{\"message\":\"Not Found\"}")));
    assertEquals(404, call("GET", "/actions/runs?entityRef=" + ref("gone-service"), GUEST).statusCode());
  }
}
