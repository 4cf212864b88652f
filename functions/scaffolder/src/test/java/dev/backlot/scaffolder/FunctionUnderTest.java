package dev.backlot.scaffolder;

import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import com.google.cloud.functions.invoker.runner.Invoker;
import dev.backlot.platform.auth.ServiceTokens;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.db.Database;
import dev.backlot.testing.TestTokens;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The scaffolder under the real Functions Framework invoker on loopback, on its own database
 * (a fresh SQLite file unless a test names one), with the catalog stand-in as {@code backend.baseUrl}.
 */
public final class FunctionUnderTest implements AutoCloseable {
  private static volatile Config config;
  private static volatile Database database;

  public final CatalogStandIn catalog;
  public final Database db;
  private final Invoker invoker;
  private final int port;
  private final HttpClient http = HttpClient.newHttpClient();

  /** What the invoker instantiates: the function on the config and database of the test that starts it. */
  public static final class Entry implements HttpFunction {
    private final ScaffolderFunction function = TestScaffolderPlugin.function(config, database);

    @Override
    public void service(HttpRequest request, HttpResponse response) throws Exception {
      function.service(request, response);
    }
  }

  public FunctionUnderTest() throws Exception {
    this(null, Map.of());
  }

  /** On {@code jdbcUrl}'s database (null: a fresh SQLite file), with {@code extra} config beside the test's. */
  public FunctionUnderTest(String jdbcUrl, Map<String, Object> extra) throws Exception {
    catalog = new CatalogStandIn();
    Path dir = Files.createTempDirectory("scaffolder");
    db = jdbcUrl == null ? Database.connect("jdbc:sqlite:" + dir.resolve("scaffolder.sqlite")) : TestScaffolderPlugin.empty(Database.connect(jdbcUrl));
    database = db;
    Map<String, Object> values = new HashMap<>(extra);
    values.put("backend", Map.of("baseUrl", catalog.baseUrl()));
    config = Config.of(TestTokens.withAuth(values));
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    invoker = new Invoker(port, Entry.class.getName(), "http", Entry.class.getClassLoader());
    invoker.startTestServer();
  }

  public int port() {
    return port;
  }

  /** {@code method path} (below /api/scaffolder) as {@code user}, with a JSON {@code body} (null: none). */
  public java.net.http.HttpResponse<String> send(String method, String path, String user, String body) throws Exception {
    return sendWith(method, path, user == null ? null : "Bearer " + TestTokens.userToken(user), body);
  }

  /** The {@code Authorization} of plugin {@code service} calling the scaffolder. */
  public String serviceAuthorization(String service) {
    return ServiceTokens.fromConfig(config, service).authorizationFor("scaffolder");
  }

  /** {@code POST /v2/tasks/work} as the scheduler calls it. */
  public java.net.http.HttpResponse<String> work() throws Exception {
    return sendWith("POST", "/v2/tasks/work", ServiceTokens.fromConfig(config, "scheduler").authorizationFor("scaffolder"), null);
  }

  /**
   * Creates a task with {@code body} as the person {@code authorization} names, runs the worker
   * once, and answers the task as {@code GET /v2/tasks/:id} does, its events under {@code events}.
   */
  public com.fasterxml.jackson.databind.node.ObjectNode runTask(String authorization, String user, String body) throws Exception {
    var created = sendWith("POST", "/v2/tasks", authorization, body);
    org.junit.jupiter.api.Assertions.assertEquals(201, created.statusCode(), created.body());
    String id = dev.backlot.platform.http.Json.MAPPER.readTree(created.body()).path("id").asText();
    org.junit.jupiter.api.Assertions.assertEquals(200, work().statusCode());
    var task = (com.fasterxml.jackson.databind.node.ObjectNode) dev.backlot.platform.http.Json.MAPPER.readTree(send("GET", "/v2/tasks/" + id, user, null).body());
    task.set("events", dev.backlot.platform.http.Json.MAPPER.readTree(send("GET", "/v2/tasks/" + id + "/events", user, null).body()));
    return task;
  }

  /** {@code method path} with {@code authorization} (null: none). */
  public java.net.http.HttpResponse<String> sendWith(String method, String path, String authorization, String body) throws Exception {
    java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/scaffolder" + path))
        .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body)).header("Content-Type", "application/json");
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), BodyHandlers.ofString());
  }

  @Override
  public void close() throws Exception {
    invoker.stopServer();
    catalog.close();
    db.close();
  }
}
