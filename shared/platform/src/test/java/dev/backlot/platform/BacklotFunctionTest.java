package dev.backlot.platform;

import dev.backlot.platform.http.Access;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.cloud.functions.invoker.runner.Invoker;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.db.Database;
import dev.backlot.platform.http.Router;
import dev.backlot.platform.manifest.BundledManifest;
import dev.backlot.platform.manifest.InvalidManifestException;
import dev.backlot.platform.manifest.PluginManifest;
import dev.backlot.testing.TestTokens;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The built-in health check through the real invoker, with a reachable and an unreachable database. */
class BacklotFunctionTest {
  static final PluginManifest MANIFEST = new PluginManifest("sample", "x.Sample", "/api/sample", true, false,
      List.of(), List.of(), "/healthcheck", List.of(), PluginManifest.Resources.DEFAULT);

  /** A plugin on a fresh SQLite file. */
  public static final class HealthyFunction extends BacklotFunction {
    public HealthyFunction() throws Exception {
      super(Plugin.withDatabase(MANIFEST, Config.of(TestTokens.withAuth(Map.of())),
          Database.connect("jdbc:sqlite:" + Files.createTempDirectory("backlot-health").resolve("db.sqlite")),
          HealthyFunction.class.getClassLoader()));
    }

    @Override
    protected void routes(Router router, Plugin plugin) {
      router.get("/things", Access.SIGNED_IN, req -> Map.of("plugin", plugin.manifest().id()));
    }
  }

  /** A plugin whose PostgreSQL has gone away. */
  public static final class UnreachableFunction extends BacklotFunction {
    public UnreachableFunction() throws Exception {
      super(Plugin.unmigrated(MANIFEST, Config.empty(),
          Database.connect("jdbc:postgresql://127.0.0.1:" + closedPort() + "/x?connectTimeout=1", new Properties(), 1)));
    }

    @Override
    protected void routes(Router router, Plugin plugin) {}
  }

  private static int closedPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static HttpResponse<String> serve(Class<?> function, String path) throws Exception {
    int port = closedPort();
    Invoker invoker = new Invoker(port, function.getName(), "http", function.getClassLoader());
    invoker.startTestServer();
    try {
      return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
              .header("Authorization", TestTokens.authorization()).build(),
          HttpResponse.BodyHandlers.ofString());
    } finally {
      invoker.stopServer();
    }
  }

  @Test
  void healthcheckIsOkWhenTheDatabaseAnswers() throws Exception {
    HttpResponse<String> direct = serve(HealthyFunction.class, "/healthcheck");
    assertEquals(200, direct.statusCode());
    assertEquals("{\"status\":\"ok\"}", direct.body());
    assertEquals(200, serve(HealthyFunction.class, "/api/sample/healthcheck").statusCode(), "through the gateway's path too");
    assertEquals("{\"plugin\":\"sample\"}", serve(HealthyFunction.class, "/api/sample/things").body());
  }

  @Test
  void healthcheckIs503WhenTheDatabaseIsUnreachable() throws Exception {
    HttpResponse<String> response = serve(UnreachableFunction.class, "/healthcheck");
    assertEquals(503, response.statusCode());
    assertEquals("error", dev.backlot.platform.http.Json.MAPPER.readTree(response.body()).get("status").asText());
  }

  @Test
  void aFunctionWithoutItsBundledManifestSaysHowToFixIt() {
    InvalidManifestException e = assertThrows(InvalidManifestException.class, () -> BundledManifest.of(BacklotFunctionTest.class));
    assertEquals(true, e.getMessage().contains("backlot-functions"), e.getMessage());
  }

  @Test
  void pluginsWithoutADatabaseOrBlobStoreSaySo() {
    PluginManifest bare = new PluginManifest("bare", "x.Bare", "/api/bare", false, false, List.of(), List.of(), "/healthcheck", List.of(),
        PluginManifest.Resources.DEFAULT);
    Plugin plugin = Plugin.start(bare, Config.empty(), getClass().getClassLoader());
    assertThrows(IllegalStateException.class, plugin::database);
    assertThrows(IllegalStateException.class, plugin::blobStore);
    plugin.cache().set("k", "v");
    assertEquals("v", plugin.cache().get("k").orElseThrow());
  }

}
