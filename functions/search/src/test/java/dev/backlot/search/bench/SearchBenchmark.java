package dev.backlot.search.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlot.platform.db.Database;
import dev.backlot.platform.http.Json;
import dev.backlot.search.OtherPlugins;
import dev.backlot.search.RunningSearch;
import dev.backlot.search.TestSearchPlugin;
import dev.backlot.testing.PostgresServers;
import dev.backlot.testing.TestTokens;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Search at scale on PostgreSQL (issue 19's budgets): {@code entities} catalog entities and
 * {@code operations} API operations indexed by the scheduled full pass from loopback stand-ins of
 * the catalog and api-docs ({@link Sources}); then query latency for one- and two-word terms, with
 * and without filters, over HTTP as the UI asks; the time from a catalog write to the entity being
 * found (the catalog's change event, then polling the query); and the process's peak RSS (search,
 * the stand-ins and this driver together: an upper bound for the function alone).
 * Run with {@code ./backlot bench search [entities] [operations] [queries]}.
 */
public final class SearchBenchmark {
  public static void main(String[] args) throws Exception {
    dev.backlot.platform.logging.Logging.configure();
    int entities = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int operations = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    int queries = args.length > 2 ? Integer.parseInt(args[2]) : 1_000;
    System.out.printf("Search benchmark · %s · %d cores · Java %s · PostgreSQL%n", LocalDate.now(),
        Runtime.getRuntime().availableProcessors(), Runtime.version());
    System.out.printf("%,d catalog entities, %,d API operations, %,d queries%n%n", entities, operations, queries);

    PostgresServers.Created created = PostgresServers.shared().createDatabase();
    try (Sources sources = new Sources(entities, operations)) {
      Database database = TestSearchPlugin.empty(Database.connect(created.database().jdbcUrl()));
      int port = OtherPlugins.freePort();
      Map<String, Object> config = TestTokens.withAuth(Map.of(
          "discovery", Map.of("endpoints", List.of(
              Map.of("target", sources.baseUrl() + "/api/{{pluginId}}", "plugins", List.of("catalog", "api-docs")),
              Map.of("target", "http://127.0.0.1:" + port + "/api/{{pluginId}}", "plugins", List.of("search"))))));
      try (RunningSearch search = new RunningSearch(database, port, config)) {
        reindex(search);
        queries(search, queries);
        incremental(search, sources);
      }
    } finally {
      // As the catalog's benchmarks: BACKLOT_BENCH_KEEP_DATABASE=1 keeps the index for EXPLAIN ANALYZE.
      if (System.getenv("BACKLOT_BENCH_KEEP_DATABASE") == null) {
        created.drop();
      } else {
        System.out.println("kept database " + created.database().jdbcUrl());
      }
    }
    System.out.printf("peak RSS (search, stand-ins and driver in one process): %.0f MiB%n", peakRssKib() / 1024.0);
    System.exit(0); // the stand-ins' and the invoker's threads would keep the JVM alive
  }

  private static void reindex(RunningSearch search) throws Exception {
    String scheduler = RunningSearch.service("scheduler");
    long start = System.nanoTime();
    long written = 0;
    int calls = 0;
    JsonNode answer;
    do {
      var response = search.send("POST", "/index", scheduler, null);
      if (response.statusCode() != 200) {
        throw new IllegalStateException("POST /index answered " + response.statusCode() + ": " + response.body());
      }
      answer = Json.MAPPER.readTree(response.body());
      for (JsonNode type : answer.path("types")) {
        written += type.path("written").asLong();
      }
      calls++;
    } while (!answer.path("done").asBoolean());
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("full reindex: %,d documents in %.1f s over %d POST /index calls: %,.0f documents/s%n", written, seconds, calls, written / seconds);
  }

  private static void queries(RunningSearch search, int count) throws Exception {
    String user = RunningSearch.user("user:default/bench");
    Random random = new Random(19);
    String[] filters = {"", "&filters%5Bkind%5D=Component", "&filters%5Blifecycle%5D=production&filters%5Btags%5D=payment",
        "&types%5B0%5D=api-definition", "&filters%5Bowner%5D=group:default/team-7"};
    for (int words = 1; words <= 2; words++) {
      for (boolean filtered : new boolean[] {false, true}) {
        long[] nanos = new long[count];
        for (int i = 0; i < count + 50; i++) {
          String term = Sources.WORDS[random.nextInt(Sources.WORDS.length)];
          if (words == 2) {
            term += " " + Sources.WORDS[random.nextInt(Sources.WORDS.length)].substring(0, 3);
          }
          String query = "/query?term=" + URLEncoder.encode(term, StandardCharsets.UTF_8) + (filtered ? filters[1 + random.nextInt(filters.length - 1)] : "");
          long start = System.nanoTime();
          var response = search.get(query, user);
          long took = System.nanoTime() - start;
          if (response.statusCode() != 200) {
            throw new IllegalStateException(query + " answered " + response.statusCode() + ": " + response.body());
          }
          if (i >= 50) {
            nanos[i - 50] = took;
          }
        }
        Arrays.sort(nanos);
        System.out.printf("query, %d word%s%s: p50 %.1f ms, p95 %.1f ms, max %.1f ms%n", words, words == 1 ? "" : "s (the second a prefix)",
            filtered ? ", with filters" : "", percentile(nanos, 50) / 1e6, percentile(nanos, 95) / 1e6, nanos[nanos.length - 1] / 1e6);
      }
    }
  }

  /** The catalog writes a new description, sends its event as it does after a commit, and the word is polled for. */
  private static void incremental(RunningSearch search, Sources sources) throws Exception {
    String catalog = RunningSearch.service("catalog");
    String user = RunningSearch.user("user:default/bench");
    List<Long> millis = new ArrayList<>();
    for (int round = 0; round < 20; round++) {
      int i = (round * 7919) % sources.entities;
      String marker = "zq" + Integer.toString(round + 1000, 36) + "x";
      long start = System.nanoTime();
      sources.changed.put("svc-" + i, "Renamed " + marker + " service");
      search.send("POST", "/events", catalog, "{\"type\":\"software-catalog\",\"keys\":[\"component:default/svc-" + i + "\",\"api:default/svc-" + i + "\"]}");
      while (Json.MAPPER.readTree(search.get("/query?term=" + marker, user).body()).path("results").isEmpty()) {
        if (System.nanoTime() - start > 10_000_000_000L) {
          throw new IllegalStateException(marker + " was not found within 10 s");
        }
        Thread.sleep(5);
      }
      millis.add((System.nanoTime() - start) / 1_000_000);
    }
    long[] sorted = millis.stream().mapToLong(Long::longValue).sorted().toArray();
    System.out.printf("incremental: a changed entity found %d ms (p50), %d ms (max) after the catalog wrote it%n", percentile(sorted, 50), sorted[sorted.length - 1]);
  }

  static long percentile(long[] sorted, int p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
  }

  static long peakRssKib() throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("\\D", ""));
      }
    }
    return -1;
  }
}
