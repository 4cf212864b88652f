package dev.backlot.scaffolder;

import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import com.google.cloud.functions.invoker.runner.Invoker;
import dev.backlot.permission.PermissionFunction;
import dev.backlot.platform.Plugin;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.db.Database;
import dev.backlot.platform.manifest.PluginManifest;
import dev.backlot.platform.manifest.PluginManifestParser;
import dev.backlot.testing.TestTokens;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The real permission function (RHDH's RBAC) under the invoker on {@code port}, on a fresh SQLite
 * file, with an RHDH CSV policy file, {@code user:default/root} as superuser and {@code scaffolder}
 * among the plugins with permissions, finding the others through {@code discovery}.
 */
public final class RealPermission implements AutoCloseable {
  public static final String SUPERUSER = "user:default/root";
  private static volatile Config config;

  private final Invoker invoker;
  private final int port;
  private final HttpClient http = HttpClient.newHttpClient();

  public static final class Entry implements HttpFunction {
    private final PermissionFunction function;

    public Entry() throws Exception {
      Path dir = Files.createTempDirectory("permission");
      // The permission plugin's own classes: its plugin.yaml and migrations, not the scaffolder's found first on the class path.
      URLClassLoader code = new URLClassLoader(new URL[] {PermissionFunction.class.getProtectionDomain().getCodeSource().getLocation()}, null);
      PluginManifest manifest;
      try (var in = code.getResourceAsStream(dev.backlot.platform.manifest.BundledManifest.RESOURCE)) {
        manifest = PluginManifestParser.parse(in, "the permission plugin's plugin.yaml");
      }
      function = new PermissionFunction(Plugin.withDatabase(manifest, config, Database.connect("jdbc:sqlite:" + dir.resolve("permission.sqlite")), code));
    }

    @Override
    public void service(HttpRequest request, HttpResponse response) throws Exception {
      function.service(request, response);
    }
  }

  public RealPermission(int port, Map<String, Object> discovery, String policies) throws Exception {
    this.port = port;
    Path policyFile = Files.writeString(Files.createTempDirectory("rbac").resolve("rbac-policy.csv"), policies);
    config = Config.of(TestTokens.withAuth(Map.of(
        "discovery", discovery,
        "permission", Map.of("enabled", true, "rbac", Map.of("policies-csv-file", policyFile.toString(),
            "pluginsWithPermission", List.of("catalog", "scaffolder"),
            "admin", Map.of("superUsers", List.of(Map.of("name", SUPERUSER))))))));
    invoker = new Invoker(port, Entry.class.getName(), "http", Entry.class.getClassLoader());
    invoker.startTestServer();
  }

  /** {@code method path} (below /api/permission) as {@code user}. */
  public java.net.http.HttpResponse<String> send(String method, String path, String user, String body) throws Exception {
    return http.send(java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/permission" + path))
        .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body))
        .header("Content-Type", "application/json").header("Authorization", "Bearer " + TestTokens.userToken(user)).build(), BodyHandlers.ofString());
  }

  @Override
  public void close() throws Exception {
    invoker.stopServer();
  }
}
