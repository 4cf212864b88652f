package dev.backlot.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.matching.StringValuePattern;
import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import com.google.cloud.functions.invoker.runner.Invoker;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.http.Json;
import dev.backlot.testing.TestTokens;
import dev.backlot.testing.Poll;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The webhook through the real invoker, with a WireMock server standing in for the catalog's API. */
class GitHubFunctionTest {
  private static final String SECRET = "webhook-test-secret";
  private static final String ROOT_FILE = "https://github.com/acme/payments/blob/main/catalog-info.yaml";
  private static final String API_FILE = "https://github.com/acme/payments/blob/main/apis/catalog-info.yaml";

  private static final WireMockServer catalog = new WireMockServer(options().dynamicPort());
  private static Invoker invoker;
  private static int port;
  private static final HttpClient http = HttpClient.newHttpClient();
  private static String pushTemplate;
  private static final java.util.concurrent.atomic.AtomicLong PUSHES = new java.util.concurrent.atomic.AtomicLong();
  /** This test's push: GitHub's sample, pushed at a moment of its own as every real push is. */
  private byte[] push;

  /** The plugin on a fresh SQLite file, calling the WireMock catalog as backend.baseUrl. */
  public static final class GitHubUnderTest implements HttpFunction {
    private final GitHubFunction github;

    public GitHubUnderTest() throws Exception {
      Config config = Config.of(TestTokens.withAuth(Map.of(
          "backend", Map.of("baseUrl", catalog.baseUrl()),
          "github", Map.of("webhookSecret", SECRET, "maxWebhookBytes", 64 * 1024),
          "backlot", Map.of("auth", Map.of("adminGroups", List.of("group:default/platform-team"))))));
      github = TestGitHubPlugin.function(config);
    }

    @Override
    public void service(HttpRequest request, HttpResponse response) throws Exception {
      github.service(request, response);
    }
  }

  @BeforeAll
  static void start() throws Exception {
    try (InputStream in = GitHubFunctionTest.class.getResourceAsStream("/github/push.json")) {
      pushTemplate = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    catalog.start();
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
  }

  /** The catalog knows the repository's root catalog file (an entity read from it), not the new one. */
  @BeforeEach
  void catalogKnowsTheRootFile() {
    push = pushTemplate.replace("\"pushed_at\": 1557933657", "\"pushed_at\": " + (1557933657 + PUSHES.incrementAndGet()))
        .getBytes(StandardCharsets.UTF_8);
    catalog.resetAll();
    catalog.stubFor(post(urlPathEqualTo("/api/catalog/entities/by-query")).withRequestBody(managedBy(ROOT_FILE))
        .willReturn(okJson("{\"items\":[{\"kind\":\"Component\",\"metadata\":{\"namespace\":\"default\",\"name\":\"payments-service\"}}],"
            + "\"totalItems\":1,\"pageInfo\":{}}")));
    catalog.stubFor(post(urlPathEqualTo("/api/catalog/entities/by-query")).withRequestBody(managedBy(API_FILE))
        .willReturn(okJson("{\"items\":[],\"totalItems\":0,\"pageInfo\":{}}")));
    catalog.stubFor(post(urlPathEqualTo("/api/catalog/refresh")).willReturn(okJson("{\"locations\":[]}")));
  }

  /** A look-up of the entities read from url location {@code file}, its URL sent as a value of a predicate. */
  static StringValuePattern managedBy(String file) {
    return equalToJson("{\"query\":{\"$all\":[{\"metadata.annotations.backstage.io/managed-by-location\":\"url:" + file + "\"}]}}", true, true);
  }

  static String sign(byte[] body, String secret) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
  }

  static java.net.http.HttpResponse<String> deliver(String event, String delivery, byte[] body, String... headers) throws Exception {
    java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/github/webhook"))
        .header("Content-Type", "application/json")
        .header("User-Agent", "GitHub-Hookshot/044aadd")
        .header("X-GitHub-Event", event)
        .header("X-GitHub-Delivery", delivery)
        .header("X-GitHub-Hook-ID", "292430182")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return http.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aSignedPushRefreshesTheCatalogFilesTheCatalogReadsWithAServiceToken() throws Exception {
    String delivery = UUID.randomUUID().toString();
    var response = deliver("push", delivery, push, "X-Hub-Signature-256", sign(push, SECRET));
    assertEquals(200, response.statusCode(), response.body());
    JsonNode body = Json.MAPPER.readTree(response.body());
    assertEquals(List.of(ROOT_FILE), Json.MAPPER.convertValue(body.get("refreshed"), List.class));
    assertEquals(List.of(API_FILE), Json.MAPPER.convertValue(body.get("notInCatalog"), List.class), "README.md is no catalog file");
    catalog.verify(1, postRequestedFor(urlPathEqualTo("/api/catalog/refresh"))
        .withRequestBody(equalToJson("{\"entityRef\":\"component:default/payments-service\"}"))
        .withHeader("Authorization", matching("Bearer ey.+")));
  }

  @Test
  void aRedeliveryIsAppliedOnce() throws Exception {
    String delivery = UUID.randomUUID().toString();
    String signature = sign(push, SECRET);
    assertEquals(200, deliver("push", delivery, push, "X-Hub-Signature-256", signature).statusCode());
    var again = deliver("push", delivery, push, "X-Hub-Signature-256", signature);
    assertEquals(200, again.statusCode(), again.body());
    assertTrue(Json.MAPPER.readTree(again.body()).path("duplicate").asBoolean(), again.body());
    catalog.verify(1, postRequestedFor(urlPathEqualTo("/api/catalog/refresh")));
  }

  @Test
  void aSignedDeliveryReplayedUnderANewDeliveryIdIsRefused() throws Exception {
    // Whoever saw a signed delivery (a logging proxy, a misdirected webhook) sends it again as a new
    // one, to have the catalog refreshed (or the organisation re-synced) as often as they like.
    String original = UUID.randomUUID().toString();
    String signature = sign(push, SECRET);
    assertEquals(200, deliver("push", original, push, "X-Hub-Signature-256", signature).statusCode());

    var replay = deliver("push", UUID.randomUUID().toString(), push, "X-Hub-Signature-256", signature);

    assertEquals(409, replay.statusCode(), replay.body());
    JsonNode error = Json.MAPPER.readTree(replay.body()).path("error");
    assertEquals("ConflictError", error.path("name").asText(), replay.body());
    assertTrue(error.path("message").asText().contains("was delivered before as " + original), replay.body());
    catalog.verify(1, postRequestedFor(urlPathEqualTo("/api/catalog/refresh")));
    // GitHub's own redeliveries keep the delivery id: still the duplicate they were.
    var redelivery = deliver("push", original, push, "X-Hub-Signature-256", signature);
    assertTrue(Json.MAPPER.readTree(redelivery.body()).path("duplicate").asBoolean(), redelivery.body());
  }

  @Test
  void aRedeliveryWhileTheFirstIsBeingAppliedIsAConflictNotADuplicate() throws Exception {
    // The first attempt is held in the catalog long enough for a loaded CI machine to redeliver meanwhile.
    catalog.stubFor(post(urlPathEqualTo("/api/catalog/refresh")).willReturn(okJson("{\"locations\":[]}").withFixedDelay(5000)));
    String delivery = UUID.randomUUID().toString();
    String signature = sign(push, SECRET);
    var first = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
      try {
        return deliver("push", delivery, push, "X-Hub-Signature-256", signature);
      } catch (Exception e) {
        throw new java.util.concurrent.CompletionException(e);
      }
    });
    Poll.until(java.time.Duration.ofSeconds(30), () -> !catalog.findAll(postRequestedFor(urlPathEqualTo("/api/catalog/refresh"))).isEmpty(),
        () -> "the first delivery never reached the catalog");
    assertTrue(!first.isDone(), "the first delivery is still being applied");

    var meanwhile = deliver("push", delivery, push, "X-Hub-Signature-256", signature);

    assertEquals(409, meanwhile.statusCode(), meanwhile.body());
    JsonNode error = Json.MAPPER.readTree(meanwhile.body()).path("error");
    assertEquals("ConflictError", error.path("name").asText(), meanwhile.body());
    assertTrue(error.path("message").asText().contains("Delivery " + delivery + " is being applied"), meanwhile.body());
    assertEquals(200, first.get().statusCode(), first.get().body());
    var afterwards = deliver("push", delivery, push, "X-Hub-Signature-256", signature);
    assertTrue(Json.MAPPER.readTree(afterwards.body()).path("duplicate").asBoolean(), afterwards.body());
    catalog.verify(1, postRequestedFor(urlPathEqualTo("/api/catalog/refresh")));
  }

  @Test
  void aDeliveryTheCatalogCouldNotTakeIsAppliedWhenRedelivered() throws Exception {
    catalog.stubFor(post(urlPathEqualTo("/api/catalog/refresh")).willReturn(aResponse().withStatus(503)));
    String delivery = UUID.randomUUID().toString();
    String signature = sign(push, SECRET);
    assertEquals(503, deliver("push", delivery, push, "X-Hub-Signature-256", signature).statusCode());
    catalog.stubFor(post(urlPathEqualTo("/api/catalog/refresh")).willReturn(okJson("{\"locations\":[]}")));
    var redelivered = deliver("push", delivery, push, "X-Hub-Signature-256", signature);
    assertEquals(200, redelivered.statusCode(), redelivered.body());
    assertEquals(List.of(ROOT_FILE), Json.MAPPER.convertValue(Json.MAPPER.readTree(redelivered.body()).get("refreshed"), List.class));
  }

  @Test
  void missingAndInvalidSignaturesAre401AndNothingIsCalled() throws Exception {
    var missing = deliver("push", UUID.randomUUID().toString(), push);
    assertEquals(401, missing.statusCode());
    assertEquals("AuthenticationError", Json.MAPPER.readTree(missing.body()).at("/error/name").asText());
    assertEquals(401, deliver("push", UUID.randomUUID().toString(), push, "X-Hub-Signature-256", sign(push, "another-secret")).statusCode());
    byte[] tampered = new String(push, StandardCharsets.UTF_8).replace("refs/heads/main", "refs/heads/evil")
        .getBytes(StandardCharsets.UTF_8);
    assertEquals(401, deliver("push", UUID.randomUUID().toString(), tampered, "X-Hub-Signature-256", sign(push, SECRET)).statusCode());
    catalog.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void anOversizedBodyIs413() throws Exception {
    byte[] large = new byte[64 * 1024 + 1];
    java.util.Arrays.fill(large, (byte) ' ');
    assertEquals(413, deliver("push", UUID.randomUUID().toString(), large, "X-Hub-Signature-256", sign(large, SECRET)).statusCode());
  }

  @Test
  void aBodyStreamedPastTheLimitWithoutContentLengthIs413() throws Exception {
    byte[] large = new byte[64 * 1024 + 1];
    java.util.Arrays.fill(large, (byte) ' ');
    assertEquals(413, streamed(large, "X-Hub-Signature-256", sign(large, SECRET)).statusCode());
  }

  @Test
  void anUnsignedSenderIsRefusedBeforeItsBodyIsRead() throws Exception {
    // Anyone may post here; without a signature header, nothing they stream is buffered (a 413 would
    // mean the body was read up to the limit first).
    byte[] large = new byte[64 * 1024 + 1];
    java.util.Arrays.fill(large, (byte) ' ');
    var unsigned = streamed(large);
    assertEquals(401, unsigned.statusCode(), unsigned.body());
    assertEquals(401, streamed(large, "X-Hub-Signature-256", "sha256=not-hex").statusCode(), "not even the shape of a signature");
  }

  @Test
  void aBodyDeclaredLargerThanTheLimitIsRefusedBeforeItIsSent() throws Exception {
    // The sender declares a GiB and sends one MiB (what the router drains before answering); the
    // 413 comes back without the rest ever being sent.
    try (java.net.Socket socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(60_000); // only so that a regression fails rather than hangs
      java.io.OutputStream out = socket.getOutputStream();
      out.write(("POST /api/github/webhook HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
          + "Content-Length: 1073741824\r\nX-GitHub-Event: push\r\nX-GitHub-Delivery: " + UUID.randomUUID() + "\r\n"
          + "X-Hub-Signature-256: " + sign(push, SECRET) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(new byte[1024 * 1024]);
      out.flush();
      String status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
      assertTrue(status.startsWith("HTTP/1.1 413 "), status);
    }
  }

  /** A delivery sent as a stream of unknown length (chunked), as a proxy may forward it. */
  private static java.net.http.HttpResponse<String> streamed(byte[] body, String... headers) throws Exception {
    java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/github/webhook"))
        .version(HttpClient.Version.HTTP_1_1)
        .header("Content-Type", "application/json")
        .header("X-GitHub-Event", "push")
        .header("X-GitHub-Delivery", UUID.randomUUID().toString())
        .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return http.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void pingsAndOtherEventsAreTakenWithoutCallingTheCatalog() throws Exception {
    byte[] ping = "{\"zen\":\"Design for failure.\",\"hook_id\":292430182,\"hook\":{\"type\":\"Repository\",\"events\":[\"push\"]}}"
        .getBytes(StandardCharsets.UTF_8);
    var response = deliver("ping", UUID.randomUUID().toString(), ping, "X-Hub-Signature-256", sign(ping, SECRET));
    assertEquals(200, response.statusCode(), response.body());
    assertTrue(Json.MAPPER.readTree(response.body()).path("ignored").asBoolean());
    catalog.verify(0, anyRequestedFor(anyUrl()));
  }

  /** Found by WebhookFuzzTest: an organisation URL that is no URI made the event a 503, which GitHub redelivers in vain. */
  @Test
  void anOrganisationEventWithAMalformedUrlIsTakenAndIgnored() throws Exception {
    byte[] added = "{\"action\":\"added\",\"organization\":{\"login\":\"octo-org\",\"url\":\"https://api.github.com/orgs/octo org\"}}"
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    var response = deliver("membership", UUID.randomUUID().toString(), added, "X-Hub-Signature-256", sign(added, SECRET));
    assertEquals(200, response.statusCode(), response.body());
    assertTrue(Json.MAPPER.readTree(response.body()).path("ignored").asBoolean(), response.body());
  }

  @Test
  void aRepositoryEventNoDiscoveryCoversIsTakenAndIgnored() throws Exception {
    byte[] created;
    try (InputStream in = GitHubFunctionTest.class.getResourceAsStream("/github/repository-created.json")) {
      created = in.readAllBytes();
    }
    var response = deliver("repository", UUID.randomUUID().toString(), created, "X-Hub-Signature-256", sign(created, SECRET));
    assertEquals(200, response.statusCode(), response.body());
    JsonNode body = Json.MAPPER.readTree(response.body());
    assertEquals("created", body.path("action").asText());
    assertTrue(body.path("ignored").asBoolean(), response.body());
    catalog.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void discoveryIsForAdminsAndServicesAndScansNothingUnconfigured() throws Exception {
    var guest = http.send(java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/github/discover"))
        .header("Authorization", TestTokens.authorization()).POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertEquals(403, guest.statusCode(), guest.body());
    var admin = http.send(java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/github/discover"))
        .header("Authorization", "Bearer " + TestTokens.userToken("user:default/ada", "group:default/platform-team"))
        .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    assertEquals(200, admin.statusCode(), admin.body());
    assertEquals(List.of(), Json.MAPPER.convertValue(Json.MAPPER.readTree(admin.body()).get("registered"), List.class));
    // Where discovery stands names organisations and repositories: for admins and the deploy
    // pipeline's smoke call only, not for anyone signed in.
    var peek = http.send(java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/github/discover"))
        .header("Authorization", TestTokens.authorization()).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    assertEquals(403, peek.statusCode(), peek.body());
    String deploy = dev.backlot.platform.auth.ServiceTokens.fromConfig(dev.backlot.platform.config.Config.of(TestTokens.withAuth(Map.of())), "deploy")
        .authorizationFor("github");
    var status = http.send(java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/github/discover"))
        .header("Authorization", deploy).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    assertEquals(200, status.statusCode(), status.body());
    assertEquals(Json.MAPPER.readTree("{\"batchSize\":300,\"targets\":[]}"), Json.MAPPER.readTree(status.body()));
    catalog.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void everyOtherRouteStillNeedsABacklotToken() throws Exception {
    var anonymous = http.send(java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/github/webhook")).GET().build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertEquals(401, anonymous.statusCode());
    var other = http.send(java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/github/webhooks"))
        .header("X-Hub-Signature-256", sign(push, SECRET)).POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(push)).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertEquals(401, other.statusCode());
    var withToken = http.send(java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/github/webhooks"))
        .header("Authorization", TestTokens.authorization()).GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    assertEquals(404, withToken.statusCode(), "a signed-in caller learns the route does not exist");
    assertEquals(200, http.send(java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/github/healthcheck")).GET().build(),
        java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode());
  }
}
