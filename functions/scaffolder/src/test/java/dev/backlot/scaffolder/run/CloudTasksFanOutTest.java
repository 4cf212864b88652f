package dev.backlot.scaffolder.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.backlot.platform.auth.ServiceTokens;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.http.Json;
import dev.backlot.scaffolder.FunctionUnderTest;
import dev.backlot.testing.TestTokens;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With {@code scaffolder.cloudTasks}, each new task becomes one HTTP Cloud Task, created through a
 * loopback stand-in of Cloud Tasks' REST API (and of the metadata server's access token); the
 * stand-in's delivery, the scheduler's service identity calling the task's worker route, runs that
 * task; a second delivery of the same Cloud Task runs nothing.
 */
class CloudTasksFanOutTest {
  private static final String QUEUE = "projects/acme/locations/europe-west1/queues/scaffolder-tasks";
  private final List<String> authorizations = new CopyOnWriteArrayList<>();
  private final List<JsonNode> created = new CopyOnWriteArrayList<>();
  private HttpServer google;
  private FunctionUnderTest scaffolder;

  @BeforeEach
  void start() throws Exception {
    google = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    google.createContext("/computeMetadata/v1/instance/service-accounts/default/token", exchange -> {
      boolean flavoured = "Google".equals(exchange.getRequestHeaders().getFirst("Metadata-Flavor"));
      byte[] body = "{\"access_token\":\"ya29.test-access-token\",\"expires_in\":3599,\"token_type\":\"Bearer\"}".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(flavoured ? 200 : 403, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    google.createContext("/v2/" + QUEUE + "/tasks", exchange -> {
      authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
      JsonNode body = Json.MAPPER.readTree(exchange.getRequestBody().readAllBytes());
      created.add(body);
      byte[] answer = ("{\"name\":\"" + QUEUE + "/tasks/" + created.size() + "\",\"httpRequest\":" + body.path("task").path("httpRequest")
          + ",\"dispatchDeadline\":\"600s\"}").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, answer.length);
      exchange.getResponseBody().write(answer);
      exchange.close();
    });
    google.start();
    String stand = "http://127.0.0.1:" + google.getAddress().getPort();
    scaffolder = new FunctionUnderTest(null, Map.of("scaffolder", Map.of("cloudTasks", Map.of("queue", QUEUE,
        "workerUrl", "https://backlot-scaffolder-abc123-ew.a.run.app/api/scaffolder", "serviceAccountEmail", "scheduler@acme.iam.gserviceaccount.com",
        "apiUrl", stand, "metadataUrl", stand))));
    scaffolder.catalog.add(Json.MAPPER.readTree("""
        {"apiVersion": "scaffolder.backstage.io/v1beta3", "kind": "Template", "metadata": {"name": "hello"},
         "spec": {"steps": [{"id": "log", "action": "debug:log", "input": {"message": "hello"}}]}}"""));
  }

  @AfterEach
  void stop() throws Exception {
    scaffolder.close();
    google.stop(0);
  }

  @Test
  void eachTaskIsOneCloudTaskWhoseDeliveryRunsIt() throws Exception {
    String first = Json.MAPPER.readTree(scaffolder.send("POST", "/v2/tasks", "user:default/alice", "{\"templateRef\": \"hello\"}").body()).path("id").asText();
    String second = Json.MAPPER.readTree(scaffolder.send("POST", "/v2/tasks", "user:default/alice", "{\"templateRef\": \"hello\"}").body()).path("id").asText();
    assertEquals(2, created.size());
    assertEquals(List.of("Bearer ya29.test-access-token", "Bearer ya29.test-access-token"), authorizations);
    assertEquals(Json.MAPPER.readTree("""
        {"task": {"httpRequest": {"httpMethod": "POST", "url": "https://backlot-scaffolder-abc123-ew.a.run.app/api/scaffolder/v2/tasks/%s/work",
          "oidcToken": {"serviceAccountEmail": "scheduler@acme.iam.gserviceaccount.com", "audience": "https://backlot-scaffolder-abc123-ew.a.run.app"}}}}"""
        .formatted(first)), created.get(0));

    // Cloud Tasks delivers the second task's call (here with the local scheduler token in place of its OIDC token): only that task runs.
    assertEquals(1, deliver(second).path("ran").asInt());
    assertEquals("completed", status(second));
    assertEquals("open", status(first));
    assertEquals(0, deliver(second).path("ran").asInt(), "a task that ended is not run again by a repeated delivery");
    var refused = scaffolder.sendWith("POST", "/v2/tasks/" + first + "/work", "Bearer " + TestTokens.userToken("user:default/alice"), null);
    assertEquals(403, refused.statusCode(), "people may not run tasks through the worker route");
  }

  private JsonNode deliver(String taskId) throws Exception {
    String token = ServiceTokens.fromConfig(Config.of(TestTokens.withAuth(Map.of())), "scheduler").authorizationFor("scaffolder");
    var answer = scaffolder.sendWith("POST", "/v2/tasks/" + taskId + "/work", token, null);
    assertEquals(200, answer.statusCode(), answer.body());
    return Json.MAPPER.readTree(answer.body());
  }

  private String status(String taskId) throws Exception {
    return Json.MAPPER.readTree(scaffolder.send("GET", "/v2/tasks/" + taskId, "user:default/alice", null).body()).path("status").asText();
  }
}
