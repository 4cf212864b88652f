package dev.backlot.permission;

import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import com.google.cloud.functions.invoker.runner.Invoker;
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
import java.util.List;
import java.util.Map;

/**
 * The permission function under the real Functions Framework invoker on loopback, on its own
 * SQLite file (which tests also open, to arrange REST roles), with the catalog stand-in as
 * {@code backend.baseUrl}, a policy file, a superuser, an RBAC admin and a static token.
 */
public final class FunctionUnderTest implements AutoCloseable {
  public static final String STATIC_TOKEN = "static-token-for-scripts";
  public static final String SUPERUSER = "user:default/root";
  public static final String RBAC_ADMIN_GROUP = "group:default/rbac-admins";

  private static volatile Config config;
  private static volatile Database database;

  public final CatalogStandIn catalog;
  public final Path policyFile;
  public final Database db;
  private final Invoker invoker;
  private final int port;
  private final HttpClient http = HttpClient.newHttpClient();

  /** What the invoker instantiates: the function on the config and database of the test that starts it. */
  public static final class Entry implements HttpFunction {
    private final PermissionFunction function = TestPermissionPlugin.function(config, database);

    @Override
    public void service(HttpRequest request, HttpResponse response) throws Exception {
      function.service(request, response);
    }
  }

  public FunctionUnderTest(String policies) throws Exception {
    this(policies, null);
  }

  /** On {@code jdbcUrl}'s database, emptied first (null: a fresh SQLite file). */
  public FunctionUnderTest(String policies, String jdbcUrl) throws Exception {
    this(policies, jdbcUrl, false);
  }

  /**
   * With {@code permissionsEnabled}, {@code permission.enabled: true}: the function's own routes are
   * decided by asking itself, found through discovery, as every plugin asks it.
   */
  public FunctionUnderTest(String policies, String jdbcUrl, boolean permissionsEnabled) throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    catalog = new CatalogStandIn();
    Path dir = Files.createTempDirectory("permission");
    policyFile = Files.writeString(dir.resolve("rbac-policy.csv"), policies);
    db = jdbcUrl == null ? Database.connect("jdbc:sqlite:" + dir.resolve("permission.sqlite"))
        : TestPermissionPlugin.empty(Database.connect(jdbcUrl));
    database = db;
    Map<String, Object> settings = new java.util.HashMap<>(Map.of(
        "backend", Map.of("baseUrl", catalog.baseUrl(),
            "auth", Map.of("externalAccess", List.of(Map.of("type", "static", "options", Map.of("token", STATIC_TOKEN, "subject", "ci-bot"))))),
        "permission", Map.of("enabled", permissionsEnabled, "rbac", Map.of("policies-csv-file", policyFile.toString(),
            "admin", Map.of("users", List.of(Map.of("name", RBAC_ADMIN_GROUP)), "superUsers", List.of(Map.of("name", SUPERUSER)))))));
    settings.put("discovery", Map.of("endpoints", List.of(Map.of("target", "http://127.0.0.1:" + port + "/api/permission", "plugins", List.of("permission")))));
    config = Config.of(TestTokens.withAuth(settings));
    invoker = new Invoker(port, Entry.class.getName(), "http", Entry.class.getClassLoader());
    invoker.startTestServer();
  }

  public Config config() {
    return config;
  }

  /** {@code method path} with {@code authorization} (null: none) and a JSON {@code body} (null: none). */
  public java.net.http.HttpResponse<String> send(String method, String path, String authorization, String body) throws Exception {
    java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/permission" + path))
        .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body)).header("Content-Type", "application/json");
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), BodyHandlers.ofString());
  }

  /** {@link #send}, asserting the status; the body as JSON, null when empty. */
  public com.fasterxml.jackson.databind.JsonNode call(String method, String path, String authorization, String body, int status) throws Exception {
    java.net.http.HttpResponse<String> response = send(method, path, authorization, body);
    org.junit.jupiter.api.Assertions.assertEquals(status, response.statusCode(), method + " " + path + ": " + response.body());
    return response.body().isEmpty() ? null : dev.backlot.platform.http.Json.MAPPER.readTree(response.body());
  }

  public static String user(String ref) {
    return "Bearer " + TestTokens.userToken(ref);
  }

  @Override
  public void close() throws Exception {
    invoker.stopServer();
    catalog.close();
    db.close();
  }
}
