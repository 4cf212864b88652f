package dev.backlot.search;

import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import com.google.cloud.functions.invoker.runner.Invoker;
import dev.backlot.platform.auth.ServiceTokens;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.db.Database;
import dev.backlot.testing.TestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.HashMap;
import java.util.Map;

/** The search function under the real Functions Framework invoker on loopback, on a database the test prepared. */
public final class RunningSearch implements AutoCloseable {
  private static volatile Config config;
  private static volatile Database database;

  private final Invoker invoker;
  private final int port;
  private final HttpClient http = HttpClient.newHttpClient();

  /** What the invoker instantiates: the function on the config and database of the test that starts it. */
  public static final class Entry implements HttpFunction {
    private final SearchFunction function = TestSearchPlugin.function(config, database);

    @Override
    public void service(HttpRequest request, HttpResponse response) throws Exception {
      function.service(request, response);
    }
  }

  /** {@code settings} under the test's auth, with other plugins at {@code baseUrl}. */
  public RunningSearch(Database db, String baseUrl, Map<String, ?> settings) throws Exception {
    this(db, OtherPlugins.freePort(), withBaseUrl(settings, baseUrl));
  }

  private static Map<String, Object> withBaseUrl(Map<String, ?> settings, String baseUrl) {
    Map<String, Object> values = new HashMap<>(settings);
    values.put("backend", Map.of("baseUrl", baseUrl));
    return TestTokens.withAuth(values);
  }

  /** On {@code port} with {@code values} as its whole config. */
  public RunningSearch(Database db, int port, Map<String, Object> values) throws Exception {
    config = Config.of(values);
    database = db;
    this.port = port;
    invoker = new Invoker(port, Entry.class.getName(), "http", Entry.class.getClassLoader());
    invoker.startTestServer();
  }

  /** Where the function serves its routes: {@code http://127.0.0.1:<port>/api/search}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port + "/api/search";
  }

  public static String user(String ref) {
    return "Bearer " + TestTokens.userToken(ref);
  }

  /** The Authorization header of plugin {@code caller} calling search. */
  public static String service(String caller) {
    return ServiceTokens.fromConfig(Config.of(TestTokens.withAuth(Map.of())), caller).authorizationFor("search");
  }

  public java.net.http.HttpResponse<String> get(String pathAndQuery, String authorization) throws Exception {
    return send("GET", pathAndQuery, authorization, null);
  }

  public java.net.http.HttpResponse<String> send(String method, String pathAndQuery, String authorization, String body) throws Exception {
    java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/search" + pathAndQuery))
        .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body)).header("Content-Type", "application/json");
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), BodyHandlers.ofString());
  }

  @Override
  public void close() {
    try {
      invoker.stopServer();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
