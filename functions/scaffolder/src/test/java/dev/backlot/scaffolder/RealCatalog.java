package dev.backlot.scaffolder;

import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import com.google.cloud.functions.invoker.runner.Invoker;
import dev.backlot.catalog.CatalogFunction;
import dev.backlot.catalog.client.CatalogClient;
import dev.backlot.catalog.client.EntityProviderMutation;
import dev.backlot.platform.Plugin;
import dev.backlot.platform.auth.ServiceTokens;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.db.Database;
import dev.backlot.platform.discovery.Discovery;
import dev.backlot.platform.manifest.PluginManifest;
import dev.backlot.testing.TestTokens;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.ServerSocket;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

/**
 * The real catalog function under the Functions Framework invoker on loopback, on a fresh SQLite
 * file, with {@code backend.auth.onBehalfOf: [scaffolder]} and {@code group:default/admins} as its
 * admin group, as app-config.yaml and the local portal configure it.
 */
public final class RealCatalog implements AutoCloseable {
  public static final String ADMINS = "group:default/admins";
  private static volatile Config config;

  public final int port;
  private final Invoker invoker;

  public static final class Entry implements HttpFunction {
    private final CatalogFunction function;

    public Entry() throws Exception {
      PluginManifest manifest = new PluginManifest("catalog", CatalogFunction.class.getName(), "/api/catalog", true, false,
          List.of(), List.of(), "/entities?limit=1", List.of(), PluginManifest.Resources.DEFAULT);
      Database database = Database.connect("jdbc:sqlite:" + Files.createTempDirectory("catalog").resolve("catalog.sqlite"));
      URL code = CatalogFunction.class.getProtectionDomain().getCodeSource().getLocation();
      function = new CatalogFunction(Plugin.withDatabase(manifest, config, database, new URLClassLoader(new URL[] {code}, null)));
    }

    @Override
    public void service(HttpRequest request, HttpResponse response) throws Exception {
      function.service(request, response);
    }
  }

  public RealCatalog() throws Exception {
    this(List.of());
  }

  /** A catalog that may also read url locations on {@code readableHosts} ({@code host:port}). */
  public RealCatalog(List<String> readableHosts) throws Exception {
    config = Config.of(TestTokens.withAuth(Map.of(
        "backend", Map.of("auth", Map.of("onBehalfOf", List.of("scaffolder")),
            "reading", Map.of("allow", readableHosts.stream().map(host -> Map.of("host", host)).toList())),
        "backlot", Map.of("auth", Map.of("adminGroups", List.of(ADMINS))))));
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    invoker = new Invoker(port, Entry.class.getName(), "http", Entry.class.getClassLoader());
    invoker.startTestServer();
  }

  /** The discovery config that sends the scaffolder's catalog calls here. */
  public Map<String, Object> discovery() {
    return Map.of("endpoints", List.of(Map.of("target", "http://127.0.0.1:" + port + "/api/{{pluginId}}", "plugins", List.of("catalog"))));
  }

  /** The catalog's client, signed as {@code service}. */
  public CatalogClient client(String service) {
    Config caller = Config.of(TestTokens.withAuth(Map.of("discovery", discovery())));
    return CatalogClient.create(Discovery.fromConfig(caller), ServiceTokens.fromConfig(caller, service));
  }

  /** Puts {@code entities} in the catalog as the provider {@code scaffolder-test} (signed as github, which may). */
  public void provide(List<ObjectNode> entities) throws Exception {
    client("github").applyProviderMutation("scaffolder-test", EntityProviderMutation.full(entities.stream()
        .map(entity -> new EntityProviderMutation.ProvidedEntity(entity, null)).toList()));
  }

  @Override
  public void close() throws Exception {
    invoker.stopServer();
  }
}
