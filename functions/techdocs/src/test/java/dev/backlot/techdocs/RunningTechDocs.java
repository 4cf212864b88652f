package dev.backlot.techdocs;

import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import com.google.cloud.functions.invoker.runner.Invoker;
import dev.backlot.platform.Plugin;
import dev.backlot.platform.auth.ServiceTokens;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.manifest.BundledManifest;
import dev.backlot.testing.TestTokens;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The plugin under the real Functions Framework invoker, as the local portal runs it: sites in a
 * blob folder ({@link #sites()}), the catalog at {@code backend.baseUrl} (a stand-in the test runs).
 */
public final class RunningTechDocs implements AutoCloseable {
  public static final String USER = TestTokens.authorization();
  public static final String SCHEDULER = ServiceTokens.fromConfig(Config.of(TestTokens.withAuth(Map.of())), "scheduler").authorizationFor("techdocs");

  private static volatile Config nextConfig;

  /** What the invoker instantiates: the plugin on the config of the test that starts it. */
  public static final class Under implements HttpFunction {
    private final TechDocsFunction function;

    public Under() {
      function = new TechDocsFunction(Plugin.start(BundledManifest.of(TechDocsFunction.class), nextConfig, Under.class.getClassLoader()));
    }

    @Override
    public void service(HttpRequest request, HttpResponse response) throws Exception {
      function.service(request, response);
    }
  }

  private final Path blobs;
  private final Invoker invoker;
  private final int port;
  private final HttpClient http = HttpClient.newHttpClient();

  private RunningTechDocs(Path blobs, Invoker invoker, int port) {
    this.blobs = blobs;
    this.invoker = invoker;
    this.port = port;
  }

  static TechDocsFunction inProcess(Path blobs, String catalogBaseUrl, Map<String, Object> techdocs) {
    return new TechDocsFunction(Plugin.start(BundledManifest.of(TechDocsFunction.class), config(blobs, catalogBaseUrl, techdocs, Map.of()),
        RunningTechDocs.class.getClassLoader()));
  }

  public static RunningTechDocs start(String catalogBaseUrl, Map<String, Object> techdocs) throws Exception {
    return start(catalogBaseUrl, techdocs, Map.of());
  }

  /** With other top-level config sections ({@code integrations}, …) too. */
  public static RunningTechDocs start(String catalogBaseUrl, Map<String, Object> techdocs, Map<String, Object> more) throws Exception {
    Path blobs = Files.createTempDirectory("techdocs-blobs");
    return start(blobs, config(blobs, catalogBaseUrl, techdocs, more));
  }

  /** The plugin reading sites from Cloud Storage at {@code gcsHost} (a stand-in), bucket {@code bucket}. */
  static RunningTechDocs onGcs(String catalogBaseUrl, String gcsHost, String bucket) throws Exception {
    Map<String, Object> values = new HashMap<>();
    values.put("backend", Map.of("baseUrl", catalogBaseUrl));
    values.put("blobStore", Map.of("gcs", Map.of("bucket", bucket, "host", gcsHost)));
    return start(Files.createTempDirectory("unused"), Config.of(TestTokens.withAuth(values)));
  }

  private static synchronized RunningTechDocs start(Path blobs, Config config) throws Exception {
    nextConfig = config;
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Invoker invoker = new Invoker(port, Under.class.getName(), "http", Under.class.getClassLoader());
    invoker.startTestServer();
    return new RunningTechDocs(blobs, invoker, port);
  }

  private static Config config(Path blobs, String catalogBaseUrl, Map<String, Object> techdocs, Map<String, Object> more) {
    Map<String, Object> values = new HashMap<>(more);
    values.put("backend", Map.of("baseUrl", catalogBaseUrl));
    values.put("blobStore", Map.of("folder", Map.of("path", blobs.toString())));
    values.put("techdocs", techdocs);
    return Config.of(TestTokens.withAuth(values));
  }

  /** The folder the sites are in: {@code <namespace>/<kind>/<name>/…} below it. */
  Path sites() {
    return blobs.resolve("techdocs");
  }

  public String url(String path) {
    return "http://127.0.0.1:" + port + "/api/techdocs" + path;
  }

  java.net.http.HttpResponse<byte[]> get(String path, String authorization, String... headers) throws Exception {
    java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(URI.create(url(path))).header("Authorization", authorization);
    if (headers.length > 0) {
      request.headers(headers);
    }
    return http.send(request.build(), BodyHandlers.ofByteArray());
  }

  public java.net.http.HttpResponse<String> post(String path, String authorization) throws Exception {
    return http.send(java.net.http.HttpRequest.newBuilder(URI.create(url(path))).header("Authorization", authorization)
        .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(), BodyHandlers.ofString());
  }

  @Override
  public void close() throws Exception {
    invoker.stopServer();
  }
}
