package dev.backlot.apidocs.bench;

import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import com.google.cloud.functions.invoker.runner.Invoker;
import dev.backlot.apidocs.LocalApiDocs;
import dev.backlot.apidocs.Specs;
import dev.backlot.platform.config.Config;
import dev.backlot.testing.TestTokens;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Storing and serving a 5 MB OpenAPI definition through the real Functions Framework invoker (in
 * this JVM), on the local portal's storage (SQLite index, blob folder): upload of new content
 * (validation + blob write + index), upload of known content, raw and converted reads, and the CI
 * check of a 5 MB proposal against a 5 MB latest version. Prints p50/p95; run with
 * {@code ./backlot bench api-docs [runs]}.
 */
public final class ApiDocsBenchmark {
  private static final String TOKEN = "bench-static-token";
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static HttpFunction function;
  private static int port;

  /** What the invoker instantiates: the benchmark's plugin. */
  public static final class Served implements HttpFunction {
    @Override
    public void service(HttpRequest request, HttpResponse response) throws Exception {
      function.service(request, response);
    }
  }

  public static void main(String[] args) throws Exception {
    dev.backlot.platform.logging.Logging.configure();
    int runs = args.length == 0 ? 20 : Integer.parseInt(args[0]);
    Path dir = Files.createTempDirectory("api-docs-bench");
    function = LocalApiDocs.start(dir, Config.of(TestTokens.withAuth(Map.of(
        "backend", Map.of("baseUrl", "http://127.0.0.1:9", "auth",
            Map.of("externalAccess", List.of(Map.of("type", "static", "options", Map.of("token", TOKEN, "subject", "bench"))))),
        "blobStore", Map.of("folder", Map.of("path", dir.resolve("blobs").toString()))))));
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Invoker invoker = new Invoker(port, Served.class.getName(), "http", Served.class.getClassLoader());
    invoker.startTestServer();
    try {
      byte[][] specs = new byte[runs + 5][];
      for (int i = 0; i < specs.length; i++) {
        specs[i] = Specs.large(5 * 1024 * 1024, i);
      }
      System.out.printf("API docs benchmark · %s · %d cores · Java %s · definition %.1f MiB · SQLite + blob folder%n%n",
          LocalDate.now(), Runtime.getRuntime().availableProcessors(), Runtime.version(), specs[0].length / 1048576.0);
      // Warm-up: JIT, the parsers' first use, the SQLite pool.
      for (int i = runs; i < specs.length; i++) {
        call("PUT", "/apis/default/warm-up/definition", specs[i], 201);
        call("GET", "/apis/default/warm-up/versions/latest/definition", null, 200);
        call("GET", "/apis/default/warm-up/versions/latest/definition?as=json", null, 200);
      }
      int[] next = {0};
      measure("PUT new 5 MB definition (validate + store)", runs, () -> call("PUT", "/apis/default/bench/definition", specs[next[0]++], 201));
      measure("PUT known 5 MB definition (same version)", runs, () -> call("PUT", "/apis/default/bench/definition", specs[0], 200));
      measure("GET definition raw", runs * 3, () -> call("GET", "/apis/default/bench/versions/latest/definition", null, 200));
      measure("GET definition ?as=json", runs, () -> call("GET", "/apis/default/bench/versions/latest/definition?as=json", null, 200));
      measure("GET definition ?as=yaml", runs, () -> call("GET", "/apis/default/bench/versions/latest/definition?as=yaml", null, 200));
      measure("GET /apis/:ns/:name/versions", runs * 3, () -> call("GET", "/apis/default/bench/versions", null, 200));
      measure("POST check 5 MB proposal vs 5 MB latest", Math.max(5, runs / 2),
          () -> call("POST", "/apis/default/bench/check", specs[1], 200));
    } finally {
      invoker.stopServer();
    }
    System.out.printf("%npeak RSS of this JVM (function + benchmark client): %.0f MiB%n", peakRssMib());
    measureBreakingChangeReport(runs);
  }

  /** The breaking-change report between two 3 MB OpenAPI 3.1 versions, api-docs in a JVM of its own. */
  private static void measureBreakingChangeReport(int runs) throws Exception {
    BreakingChangeReportBench.measure(runs);
  }

  private interface Call {
    void run() throws Exception;
  }

  private static void measure(String name, int requests, Call call) throws Exception {
    long[] micros = new long[requests];
    for (int i = 0; i < requests; i++) {
      long t = System.nanoTime();
      call.run();
      micros[i] = (System.nanoTime() - t) / 1000;
    }
    Arrays.sort(micros);
    System.out.printf("  %-44s p50 %8.1f ms   p95 %8.1f ms   (%d requests)%n", name,
        micros[requests / 2] / 1000.0, micros[(int) Math.ceil(requests * 0.95) - 1] / 1000.0, requests);
  }

  private static void call(String method, String path, byte[] body, int status) throws Exception {
    java.net.http.HttpResponse<byte[]> response = HTTP.send(java.net.http.HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/api/api-docs" + path))
        .header("Authorization", "Bearer " + TOKEN)
        .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofByteArray(body)).build(), BodyHandlers.ofByteArray());
    if (response.statusCode() != status) {
      throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
          + new String(response.body(), 0, Math.min(500, response.body().length)));
    }
  }

  private static double peakRssMib() throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
      }
    }
    return -1;
  }
}
