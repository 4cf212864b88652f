package dev.backlot.apidocs.bench;

import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import com.google.cloud.functions.invoker.runner.Invoker;
import dev.backlot.apidocs.LocalApiDocs;
import dev.backlot.apidocs.Specs;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.http.Json;
import dev.backlot.testing.TestTokens;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The breaking-change report between two 3 MB OpenAPI 3.1 versions, {@code GET …/diff?from=&to=}
 * (both read from the blob store, parsed within the limits, compared), on api-docs alone: the
 * function runs in a child JVM with the heap production gives it (a quarter of the manifest's
 * 1 GiB), so its peak RSS is the plugin's, not the benchmark client's.
 */
public final class BreakingChangeReportBench {
  private static final String TOKEN = "bench-diff-token";
  private static final int SIZE = 3 * 1024 * 1024;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private BreakingChangeReportBench() {}

  /** Version A of the API, and version B with narrowed parameters and widened responses throughout. */
  static byte[][] versions() {
    String a = new String(Specs.large(SIZE, 1), StandardCharsets.UTF_8).replace("openapi: 3.0.3", "openapi: 3.1.0");
    String b = a.replace("            type: integer\n", "            anyOf: [{type: integer, maximum: 500}, {type: 'null'}]\n")
        .replace("        id:\n          type: string\n", "        id:\n          type: [string, integer]\n");
    return new byte[][] {a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)};
  }

  /** This measurement alone: {@code java -cp … dev.backlot.apidocs.bench.BreakingChangeReportBench [runs]}. */
  public static void main(String[] args) throws Exception {
    measure(args.length == 0 ? 10 : Integer.parseInt(args[0]));
  }

  static void measure(int runs) throws Exception {
    Path dir = Files.createTempDirectory("api-docs-diff-bench");
    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
        "-cp", System.getProperty("java.class.path"), Served.class.getName(), dir.toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      int port = Integer.parseInt(out.readLine().trim());
      byte[][] versions = versions();
      String from = version(call(port, "PUT", "/apis/default/diffed/definition", versions[0], 201));
      String to = version(call(port, "PUT", "/apis/default/diffed/definition", versions[1], 201));
      String path = "/apis/default/diffed/diff?from=" + from + "&to=" + to;
      long first = System.nanoTime();
      byte[] report = call(port, "GET", path, null, 200);
      double firstMs = (System.nanoTime() - first) / 1e6;
      var parsed = Json.MAPPER.readTree(report);
      System.out.printf("%n  breaking-change report, two %.1f MiB OpenAPI 3.1 versions: %s, %d changed operations, %d breaking findings%n",
          versions[0].length / 1048576.0, parsed.path("result").asText(), parsed.path("changes").size(), parsed.path("breakingCount").asLong());
      System.out.printf("  %-44s %8.1f ms (both read from YAML; their JSON forms kept for the next)%n", "first GET diff of the pair", firstMs);
      for (int i = 0; i < 3; i++) {
        call(port, "GET", path, null, 200); // warm-up
      }
      long[] micros = new long[runs];
      for (int i = 0; i < runs; i++) {
        long t = System.nanoTime();
        call(port, "GET", path, null, 200);
        micros[i] = (System.nanoTime() - t) / 1000;
      }
      Arrays.sort(micros);
      System.out.printf("  %-44s p50 %8.1f ms   p95 %8.1f ms   (%d requests)%n", "GET diff 3 MB vs 3 MB (OpenAPI 3.1)",
          micros[runs / 2] / 1000.0, micros[(int) Math.ceil(runs * 0.95) - 1] / 1000.0, runs);
      System.out.printf("  peak RSS of api-docs (child JVM, -Xmx256m; 2 publishes + %d reports): %.0f MiB%n", runs + 4,
          peakRssMib(child.pid()));
    } finally {
      child.destroy();
      child.waitFor();
    }
  }

  private static String version(byte[] answer) throws Exception {
    return Json.MAPPER.readTree(answer).at("/version/version").asText();
  }

  private static byte[] call(int port, String method, String path, byte[] body, int status) throws Exception {
    java.net.http.HttpResponse<byte[]> response = HTTP.send(java.net.http.HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/api/api-docs" + path))
        .header("Authorization", "Bearer " + TOKEN)
        .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofByteArray(body)).build(), BodyHandlers.ofByteArray());
    if (response.statusCode() != status) {
      throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
          + new String(response.body(), 0, Math.min(500, response.body().length), StandardCharsets.UTF_8));
    }
    return response.body();
  }

  private static double peakRssMib(long pid) throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
      }
    }
    return -1;
  }

  /** The child: api-docs under the real invoker; prints its port, then serves until destroyed. */
  public static final class Served implements HttpFunction {
    private static HttpFunction function;

    @Override
    public void service(HttpRequest request, HttpResponse response) throws Exception {
      function.service(request, response);
    }

    public static void main(String[] args) throws Exception {
      Path dir = Path.of(args[0]);
      function = LocalApiDocs.start(dir, Config.of(TestTokens.withAuth(Map.of(
          "backend", Map.of("baseUrl", "http://127.0.0.1:9", "auth",
              Map.of("externalAccess", List.of(Map.of("type", "static", "options", Map.of("token", TOKEN, "subject", "bench"))))),
          "blobStore", Map.of("folder", Map.of("path", dir.resolve("blobs").toString()))))));
      int port;
      try (ServerSocket socket = new ServerSocket(0)) {
        port = socket.getLocalPort();
      }
      Invoker invoker = new Invoker(port, Served.class.getName(), "http", Served.class.getClassLoader());
      invoker.startTestServer();
      System.out.println(port);
      System.out.flush();
      Thread.currentThread().join();
    }
  }
}
