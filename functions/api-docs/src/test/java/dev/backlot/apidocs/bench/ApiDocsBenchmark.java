package dev.backlot.apidocs.bench;

import dev.backlot.apidocs.Specs;
import com.fasterxml.jackson.databind.JsonNode;
import dev.backlot.platform.http.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * api-docs through the real Functions Framework invoker, in a process of its own with the image's
 * JVM flags ({@link ServedApiDocs}), on the local portal's storage (SQLite index, blob folder). One
 * method per measured operation, each on a fresh api-docs process so its peak RSS is that
 * operation's: publishing a 3 MB OpenAPI 3.1 definition (parse, validate, store), the
 * breaking-change report between two such versions, and storing and serving 5 MB OpenAPI 3.0
 * definitions. Prints p50/p95, api-docs' CPU time per request and its
 * peak RSS; run with {@code ./backlot bench api-docs [runs] [operation …]}.
 */
public final class ApiDocsBenchmark {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final int WARM_UP = 5;

  private final int runs;
  private ServedApiDocs served;

  private ApiDocsBenchmark(int runs) {
    this.runs = runs;
  }

  /** {@code [runs] [operation …]}: the operations by name (all when none named). */
  public static void main(String[] args) throws Exception {
    ApiDocsBenchmark benchmark = new ApiDocsBenchmark(args.length == 0 ? 20 : Integer.parseInt(args[0]));
    List<String> named = args.length < 2 ? List.of() : List.of(args).subList(1, args.length);
    System.out.printf("API docs benchmark · %s · %d cores · Java %s · api-docs JVM %s · SQLite + blob folder%n%n",
        LocalDate.now(), Runtime.getRuntime().availableProcessors(), Runtime.version(), String.join(" ", ServedApiDocs.JVM_FLAGS));
    Map<String, Operation> operations = new LinkedHashMap<>();
    operations.put("publish-3mb-openapi31", benchmark::publishThreeMegabyteOpenApi31);
    operations.put("store-and-serve-5mb", benchmark::storeAndServeFiveMegabyteDefinitions);
    operations.put("breaking-change-report-3mb-openapi31", benchmark::breakingChangeReportBetweenThreeMegabyteVersions);
    for (Map.Entry<String, Operation> operation : operations.entrySet()) {
      if (named.isEmpty() || named.contains(operation.getKey())) {
        System.out.println(operation.getKey());
        operation.getValue().run();
      }
    }
  }

  private interface Operation {
    void run() throws Exception;
  }

  /** Issue 23's budget: p50 ≤ 1 s, peak RSS ≤ 400 MiB. Each upload is a new content, so a new version. */
  private void publishThreeMegabyteOpenApi31() throws Exception {
    byte[][] specs = new byte[runs + WARM_UP][];
    for (int i = 0; i < specs.length; i++) {
      specs[i] = Specs.large(3 * 1024 * 1024, i, "3.1.0");
    }
    try (ServedApiDocs api = serve()) {
      for (int i = runs; i < specs.length; i++) {
        call("PUT", "/apis/default/warm-up/definition", specs[i], 201);
      }
      int[] next = {0};
      measure(String.format("PUT new %.1f MiB OpenAPI 3.1 (parse, validate, store)", specs[0].length / 1048576.0), runs,
          () -> call("PUT", "/apis/default/published/definition", specs[next[0]++], 201));
      System.out.printf("  peak RSS of api-docs: %.0f MiB%n%n", api.peakRssMib());
    }
  }

  private void storeAndServeFiveMegabyteDefinitions() throws Exception {
    byte[][] specs = new byte[runs + WARM_UP][];
    for (int i = 0; i < specs.length; i++) {
      specs[i] = Specs.large(5 * 1024 * 1024, i);
    }
    try (ServedApiDocs api = serve()) {
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
      System.out.printf("  peak RSS of api-docs: %.0f MiB%n%n", api.peakRssMib());
    }
  }

  /**
   * Issue 23's budget: p50 ≤ 1.5 s, peak RSS ≤ 400 MiB (both publishes included). The second
   * version narrows parameters and widens responses throughout, so every operation changes.
   */
  private void breakingChangeReportBetweenThreeMegabyteVersions() throws Exception {
    String first = new String(Specs.large(3 * 1024 * 1024, 1), StandardCharsets.UTF_8).replace("openapi: 3.0.3", "openapi: 3.1.0");
    String second = first.replace("            type: integer\n", "            anyOf: [{type: integer, maximum: 500}, {type: 'null'}]\n")
        .replace("        id:\n          type: string\n", "        id:\n          type: [string, integer]\n");
    try (ServedApiDocs api = serve()) {
      String from = version(call("PUT", "/apis/default/diffed/definition", first.getBytes(StandardCharsets.UTF_8), 201));
      String to = version(call("PUT", "/apis/default/diffed/definition", second.getBytes(StandardCharsets.UTF_8), 201));
      String path = "/apis/default/diffed/diff?from=" + from + "&to=" + to;
      long started = System.nanoTime();
      JsonNode report = Json.MAPPER.readTree(call("GET", path, null, 200));
      System.out.printf("  first report of the pair (both read from YAML, their JSON forms kept): %.1f ms; %s, %d changed operations, %d breaking findings%n",
          (System.nanoTime() - started) / 1e6, report.path("result").asText(), report.path("changes").size(), report.path("breakingCount").asLong());
      for (int i = 0; i < WARM_UP; i++) {
        call("GET", path, null, 200);
      }
      measure("GET diff 3 MB vs 3 MB (OpenAPI 3.1)", runs, () -> call("GET", path, null, 200));
      System.out.printf("  peak RSS of api-docs: %.0f MiB%n%n", api.peakRssMib());
    }
  }

  private static String version(byte[] answer) throws Exception {
    return Json.MAPPER.readTree(answer).at("/version/version").asText();
  }

  /** A fresh api-docs process, which {@link #call} talks to until it is closed. */
  private ServedApiDocs serve() throws Exception {
    served = ServedApiDocs.start();
    return served;
  }

  private interface Call {
    Object run() throws Exception;
  }

  /** Wall time per request, and the CPU time api-docs spent on average (what other work on the machine barely moves). */
  private void measure(String name, int requests, Call call) throws Exception {
    long[] micros = new long[requests];
    long cpuBefore = served.cpuMillis();
    for (int i = 0; i < requests; i++) {
      long t = System.nanoTime();
      call.run();
      micros[i] = (System.nanoTime() - t) / 1000;
    }
    double cpuPerRequest = (served.cpuMillis() - cpuBefore) / (double) requests;
    Arrays.sort(micros);
    System.out.printf("  %-52s p50 %8.1f ms   p95 %8.1f ms   api-docs CPU %7.1f ms/request   (%d requests)%n", name,
        micros[requests / 2] / 1000.0, micros[(int) Math.ceil(requests * 0.95) - 1] / 1000.0, cpuPerRequest, requests);
  }

  private byte[] call(String method, String path, byte[] body, int status) throws Exception {
    java.net.http.HttpResponse<byte[]> response = HTTP.send(java.net.http.HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + served.port() + "/api/api-docs" + path))
        .header("Authorization", "Bearer " + ServedApiDocs.TOKEN)
        .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofByteArray(body)).build(), BodyHandlers.ofByteArray());
    if (response.statusCode() != status) {
      throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
          + new String(response.body(), 0, Math.min(500, response.body().length)));
    }
    return response.body();
  }
}
