package dev.backlot.local.rehearsal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import com.sun.net.httpserver.HttpServer;
import dev.backlot.platform.http.Json;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Cloud Tasks stand-in: tasks.create as Google checks it (the caller's access token, the
 * enqueuer grant on Terraform's queue, actAs on the account the OIDC token names, the task's size
 * and URL), then one dispatch of the task to its URL with that account's ID token for its audience.
 */
class CloudTasksStandInTest {
  private static final String QUEUE = "projects/backlot-rehearsal/locations/europe-west1/queues/backlot-jobs-tasks";
  private static final String JOBS = "backlot-jobs@backlot-rehearsal.iam.gserviceaccount.com";
  private static final String SCHEDULER = "backlot-scheduler@backlot-rehearsal.iam.gserviceaccount.com";
  private static final String AUDIENCE = "https://backlot-jobs-123456789012.europe-west1.run.app";

  private final GoogleAccounts google = new GoogleAccounts();
  private final HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
  private final List<String> delivered = new CopyOnWriteArrayList<>();
  private HttpServer worker;
  private CloudTasksStandIn tasks;

  @BeforeEach
  void start() throws Exception {
    worker = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    worker.createContext("/", exchange -> {
      delivered.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " + exchange.getRequestHeaders().getFirst("Authorization")
          + " " + exchange.getRequestHeaders().getFirst("X-CloudTasks-QueueName"));
      byte[] body = "{\"ran\":1}".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    worker.start();
    tasks = new CloudTasksStandIn(Map.of(QUEUE, new CloudTasksStandIn.Queue(QUEUE, JOBS, SCHEDULER)), google, http, Duration.ofSeconds(10));
  }

  @AfterEach
  void stop() {
    tasks.close();
    worker.stop(0);
  }

  private String workerUrl() {
    return "http://127.0.0.1:" + worker.getAddress().getPort() + "/api/jobs/v2/tasks/t1/work";
  }

  private String task(String account) {
    return "{\"task\":{\"httpRequest\":{\"httpMethod\":\"POST\",\"url\":\"" + workerUrl() + "\",\"oidcToken\":{\"serviceAccountEmail\":\""
        + account + "\",\"audience\":\"" + AUDIENCE + "\"}}}}";
  }

  private HttpResponse<String> create(String queue, String authorization, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + tasks.port() + "/v2/" + queue + "/tasks"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String status(HttpResponse<String> answer) throws Exception {
    return Json.MAPPER.readTree(answer.body()).path("error").path("status").asText();
  }

  @Test
  void aTaskCreatedByTheQueuesEnqueuerIsDispatchedOnceWithTheNamedAccountsIdToken() throws Exception {
    HttpResponse<String> created = create(QUEUE, "Bearer " + google.accessToken(JOBS), task(SCHEDULER));
    assertEquals(200, created.statusCode(), created.body());
    JsonNode answer = Json.MAPPER.readTree(created.body());
    assertTrue(answer.path("name").asText().startsWith(QUEUE + "/tasks/"), created.body());
    assertEquals(workerUrl(), answer.at("/httpRequest/url").asText());

    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (tasks.dispatches().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertEquals(1, tasks.dispatches().size());
    CloudTasksStandIn.Dispatch dispatch = tasks.dispatches().get(0);
    assertEquals(200, dispatch.status());
    assertEquals("{\"ran\":1}", dispatch.answer());
    assertEquals(1, delivered.size());
    String[] call = delivered.get(0).split(" ");
    assertEquals("POST", call[0]);
    assertEquals("/api/jobs/v2/tasks/t1/work", call[1]);
    assertEquals("backlot-jobs-tasks", call[4]);
    JWTClaimsSet claims = google.verify(call[3]).orElseThrow();
    assertEquals(SCHEDULER, claims.getStringClaim("email"));
    assertEquals(List.of(AUDIENCE), claims.getAudience());
  }

  @Test
  void aCallerWithoutAnAccessTokenIsUnauthenticated() throws Exception {
    assertEquals(401, create(QUEUE, null, task(SCHEDULER)).statusCode());
    HttpResponse<String> forged = create(QUEUE, "Bearer ya29.forged", task(SCHEDULER));
    assertEquals(401, forged.statusCode());
    assertEquals("UNAUTHENTICATED", status(forged));
    assertTrue(tasks.dispatches().isEmpty());
  }

  @Test
  void onlyTheQueuesEnqueuerMayCreateItsTasks() throws Exception {
    HttpResponse<String> other = create(QUEUE, "Bearer " + google.accessToken("backlot-catalog@backlot-rehearsal.iam.gserviceaccount.com"), task(SCHEDULER));
    assertEquals(403, other.statusCode());
    assertTrue(other.body().contains("cloudtasks.tasks.create"), other.body());
    HttpResponse<String> unknownQueue = create("projects/backlot-rehearsal/locations/europe-west1/queues/elsewhere",
        "Bearer " + google.accessToken(JOBS), task(SCHEDULER));
    assertEquals(403, unknownQueue.statusCode());
    assertTrue(tasks.dispatches().isEmpty());
  }

  @Test
  void aTaskMayNameOnlyTheAccountItsCreatorMayActAs() throws Exception {
    // The enqueuer trying to call as an account it has no actAs on: the gateway's, the deployer's, or its own.
    for (String account : List.of("backlot-gateway@backlot-rehearsal.iam.gserviceaccount.com", "backlot-deployer@backlot-rehearsal.iam.gserviceaccount.com")) {
      HttpResponse<String> refused = create(QUEUE, "Bearer " + google.accessToken(JOBS), task(account));
      assertEquals(403, refused.statusCode(), account);
      assertTrue(refused.body().contains("iam.serviceAccounts.actAs"), refused.body());
    }
    HttpResponse<String> noToken = create(QUEUE, "Bearer " + google.accessToken(JOBS),
        "{\"task\":{\"httpRequest\":{\"httpMethod\":\"POST\",\"url\":\"" + workerUrl() + "\"}}}");
    assertEquals(400, noToken.statusCode());
    assertTrue(tasks.dispatches().isEmpty());
  }

  @Test
  void malformedAndOversizedTasksAreRefusedWithA400() throws Exception {
    String token = "Bearer " + google.accessToken(JOBS);
    for (String body : List.of("not json", "[]", "{\"task\":{\"httpRequest\":{\"url\":\"file:///etc/passwd\",\"oidcToken\":{\"serviceAccountEmail\":\""
        + SCHEDULER + "\"}}}}", "{\"task\":{\"httpRequest\":{\"url\":\"https://\",\"oidcToken\":{\"serviceAccountEmail\":\"" + SCHEDULER + "\"}}}}",
        "{\"task\":{\"httpRequest\":{\"url\":\"" + workerUrl() + "\",\"oidcToken\":{\"serviceAccountEmail\":\"" + SCHEDULER + "\"}},"
            + "\"padding\":\"" + "x".repeat(CloudTasksStandIn.MAX_TASK_BYTES) + "\"}}")) {
      HttpResponse<String> refused = create(QUEUE, token, body);
      assertEquals(400, refused.statusCode(), body.length() > 200 ? "oversized" : body);
      assertEquals("INVALID_ARGUMENT", status(refused));
    }
    assertTrue(tasks.dispatches().isEmpty());
  }
}
