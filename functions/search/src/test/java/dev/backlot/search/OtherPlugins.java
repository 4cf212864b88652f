package dev.backlot.search;

import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import com.google.cloud.functions.invoker.runner.Invoker;
import dev.backlot.apidocs.ApiDocsFunction;
import dev.backlot.catalog.CatalogFunction;
import dev.backlot.catalog.client.CatalogClient;
import dev.backlot.catalog.client.EntityProviderMutation;
import dev.backlot.platform.Plugin;
import dev.backlot.platform.auth.ServiceTokens;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.db.Database;
import dev.backlot.platform.discovery.Discovery;
import dev.backlot.platform.http.Json;
import dev.backlot.platform.manifest.PluginManifest;
import dev.backlot.techdocs.TechDocsFunction;
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
 * The real catalog, api-docs and techdocs functions, each under its own Functions Framework invoker on
 * loopback with a fresh SQLite file, and the discovery config that finds them (and search).
 */
public final class OtherPlugins implements AutoCloseable {
  private static volatile Map<String, Object> shared;
  private static volatile Path dir;

  public final int catalogPort;
  public final int apiDocsPort;
  public final int techDocsPort;
  private final Invoker catalog;
  private final Invoker apiDocs;
  private final Invoker techDocs;
  private final HttpClient http = HttpClient.newHttpClient();

  /** The catalog as it runs locally, on this test's config. */
  public static final class Catalog implements HttpFunction {
    private final CatalogFunction function;

    public Catalog() {
      PluginManifest manifest = new PluginManifest("catalog", CatalogFunction.class.getName(), "/api/catalog", true, false,
          List.of(), List.of(), "/entities?limit=1", List.of(), PluginManifest.Resources.DEFAULT);
      function = new CatalogFunction(Plugin.withDatabase(manifest, Config.of(shared),
          Database.connect("jdbc:sqlite:" + dir.resolve("catalog.sqlite")), TestSearchPlugin.only(CatalogFunction.class)));
    }

    @Override
    public void service(HttpRequest request, HttpResponse response) throws Exception {
      function.service(request, response);
    }
  }

  /** api-docs as it runs locally, on this test's config. */
  public static final class ApiDocs implements HttpFunction {
    private final ApiDocsFunction function;

    public ApiDocs() {
      PluginManifest manifest = new PluginManifest("api-docs", ApiDocsFunction.class.getName(), "/api/api-docs", true, true,
          List.of(), List.of(), "/apis?limit=1", List.of(), PluginManifest.Resources.DEFAULT);
      function = new ApiDocsFunction(Plugin.withDatabase(manifest, Config.of(shared),
          Database.connect("jdbc:sqlite:" + dir.resolve("api-docs.sqlite")), TestSearchPlugin.only(ApiDocsFunction.class)));
    }

    @Override
    public void service(HttpRequest request, HttpResponse response) throws Exception {
      function.service(request, response);
    }
  }

  /** techdocs as it runs locally, its sites in the blob folder ({@link #sites()}). */
  public static final class TechDocs implements HttpFunction {
    private final TechDocsFunction function;

    public TechDocs() {
      // Not BundledManifest.of: on this class path the first backlot/plugin.yaml is search's.
      PluginManifest manifest = new PluginManifest("techdocs", TechDocsFunction.class.getName(), "/api/techdocs", false, true,
          List.of(), List.of(), "/healthcheck", List.of(), PluginManifest.Resources.DEFAULT);
      function = new TechDocsFunction(Plugin.start(manifest, Config.of(shared), TestSearchPlugin.only(TechDocsFunction.class)));
    }

    @Override
    public void service(HttpRequest request, HttpResponse response) throws Exception {
      function.service(request, response);
    }
  }

  /** Starts the three, with search expected on {@code searchPort}. */
  public OtherPlugins(int searchPort) throws Exception {
    dir = Files.createTempDirectory("search-sources");
    catalogPort = freePort();
    apiDocsPort = freePort();
    techDocsPort = freePort();
    shared = config(searchPort);
    catalog = new Invoker(catalogPort, Catalog.class.getName(), "http", Catalog.class.getClassLoader());
    catalog.startTestServer();
    apiDocs = new Invoker(apiDocsPort, ApiDocs.class.getName(), "http", ApiDocs.class.getClassLoader());
    apiDocs.startTestServer();
    techDocs = new Invoker(techDocsPort, TechDocs.class.getName(), "http", TechDocs.class.getClassLoader());
    techDocs.startTestServer();
  }

  /** Where techdocs keeps sites: {@code <namespace>/<kind>/<name>/} below it, as techdocs-cli publishes them. */
  public Path sites() {
    return dir.resolve("blobs").resolve("techdocs");
  }

  /** {@code POST /api/techdocs/sync} as the scheduler calls it. */
  public java.net.http.HttpResponse<String> syncDocs() throws Exception {
    String authorization = ServiceTokens.fromConfig(Config.of(shared), "scheduler").authorizationFor("techdocs");
    return http.send(java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + techDocsPort + "/api/techdocs/sync"))
        .header("Authorization", authorization).POST(BodyPublishers.noBody()).build(), BodyHandlers.ofString());
  }

  /** Discovery of the four plugins, the test's auth, and api-docs' blob folder. */
  public Map<String, Object> config(int searchPort) {
    return TestTokens.withAuth(Map.of(
        "discovery", Map.of("endpoints", List.of(
            Map.of("target", "http://127.0.0.1:" + catalogPort + "/api/{{pluginId}}", "plugins", List.of("catalog")),
            Map.of("target", "http://127.0.0.1:" + apiDocsPort + "/api/{{pluginId}}", "plugins", List.of("api-docs")),
            Map.of("target", "http://127.0.0.1:" + techDocsPort + "/api/{{pluginId}}", "plugins", List.of("techdocs")),
            Map.of("target", "http://127.0.0.1:" + searchPort + "/api/{{pluginId}}", "plugins", List.of("search")))),
        "blobStore", Map.of("folder", Map.of("path", dir.resolve("blobs").toString()))));
  }

  public static int freePort() throws java.io.IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Puts {@code entities} in the catalog as the provider {@code search-test} (signed as github, which may). */
  public void provide(List<Map<String, Object>> entities) throws Exception {
    Config config = Config.of(shared);
    CatalogClient client = CatalogClient.create(Discovery.fromConfig(config), ServiceTokens.fromConfig(config, "github"));
    client.applyProviderMutation("search-test", EntityProviderMutation.full(entities.stream()
        .map(entity -> new EntityProviderMutation.ProvidedEntity(Json.MAPPER.valueToTree(entity), null)).toList()));
  }

  /** Publishes {@code definition} for API {@code name} as a CI pipeline does (a service token). */
  public void publish(String name, String definition) throws Exception {
    String authorization = ServiceTokens.fromConfig(Config.of(shared), "scheduler").authorizationFor("api-docs");
    java.net.http.HttpResponse<String> response = http.send(java.net.http.HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + apiDocsPort + "/api/api-docs/apis/default/" + name + "/definition"))
        .header("Authorization", authorization).header("Content-Type", "application/yaml").PUT(BodyPublishers.ofString(definition)).build(),
        BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException("api-docs refused the definition: " + response.body());
    }
  }

  public static Map<String, Object> component(String name, String description, String lifecycle, String owner, List<String> tags) {
    return Map.of("apiVersion", "backstage.io/v1alpha1", "kind", "Component",
        "metadata", Map.of("name", name, "description", description, "tags", tags),
        "spec", Map.of("type", "service", "lifecycle", lifecycle, "owner", owner));
  }

  @Override
  public void close() throws Exception {
    catalog.stopServer();
    apiDocs.stopServer();
    techDocs.stopServer();
  }
}
