package dev.backlot.catalog.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.cloud.functions.invoker.runner.Invoker;
import com.sun.net.httpserver.HttpServer;
import dev.backlot.catalog.PreparedCatalog;
import dev.backlot.catalog.ingestion.LocationSpec;
import dev.backlot.catalog.storage.LocationStore;
import dev.backlot.platform.auth.ServiceTokens;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.db.Database;
import dev.backlot.platform.http.Json;
import dev.backlot.testing.PostgresServers;
import dev.backlot.testing.TestTokens;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Freshness at scale (issue 22), on PostgreSQL: {@code locations} registered locations of
 * {@code entities} entities each, half files listed in {@code catalog.locations}, half URLs
 * served by a loopback stand-in that answers after 50–150 ms. The catalog runs under the real
 * Functions Framework invoker and its scheduled {@code POST /refresh} fans out to its own {@code
 * POST /refresh/location} over loopback HTTP with its service token, as deployed (discovery names
 * the function's own URL, as Terraform's does; locally the gateway sits in between). Measures the
 * first full ingestion, then a full re-read after one processing interval, calling {@code
 * /refresh} back to back as the scheduler would tick, and prints what each call did.
 * Run with {@code ./backlot bench refresh [locations] [entities] [concurrency]}.
 */
public final class RefreshBenchmark {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  static Config config;
  static Database database;

  public static void main(String[] args) throws Exception {
    dev.backlot.platform.logging.Logging.configure();
    int locations = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int entities = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    Integer concurrency = args.length > 2 ? Integer.valueOf(args[2]) : null;
    System.out.printf("Refresh benchmark · %s · %d cores · Java %s · PostgreSQL%n", LocalDate.now(),
        Runtime.getRuntime().availableProcessors(), Runtime.version());

    AtomicLong urlReads = new AtomicLong();
    HttpServer standIn = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
    standIn.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    standIn.createContext("/", exchange -> {
      urlReads.incrementAndGet();
      try {
        Thread.sleep(ThreadLocalRandom.current().nextLong(50, 151));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      String[] parts = exchange.getRequestURI().getPath().split("/");
      byte[] body = catalogFile("url-" + parts[2], entities).getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    standIn.start();

    PostgresServers.Created created = PostgresServers.shared().createDatabase();
    Path dir = Files.createTempDirectory("refresh-bench");
    int files = locations / 2;
    List<Map<String, Object>> configured = new ArrayList<>();
    for (int i = 0; i < files; i++) {
      Path file = dir.resolve("repo-" + i + ".yaml");
      Files.writeString(file, catalogFile("file-" + i, entities));
      configured.add(Map.of("type", "file", "target", file.toString()));
    }
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Map<String, Object> catalog = new LinkedHashMap<>(Map.of("locations", configured));
    if (concurrency != null) {
      catalog.put("refreshConcurrency", concurrency);
    }
    config = Config.of(TestTokens.withAuth(Map.of(
        "backend", Map.of("baseUrl", "http://127.0.0.1:" + port,
            "reading", Map.of("allow", List.of(Map.of("host", "127.0.0.1:" + standIn.getAddress().getPort())))),
        "catalog", catalog)));
    // One JVM stands in for the instances: a pool as large as two instances' (10 each).
    database = Database.connect(created.database().jdbcUrl(), new java.util.Properties(), 20);
    PreparedCatalog.prepare(config, database);
    Invoker invoker = new Invoker(port, PreparedCatalog.class.getName(), "http", PreparedCatalog.class.getClassLoader());
    try {
      invoker.startTestServer();
      LocationStore store = new LocationStore(database);
      for (int i = files; i < locations; i++) {
        store.add(new LocationSpec("url", "http://127.0.0.1:" + standIn.getAddress().getPort() + "/org/" + i + "/catalog-info.yaml"));
      }
      ServiceTokens scheduler = ServiceTokens.fromConfig(config, "scheduler");
      System.out.printf("%,d locations (%,d files, %,d URLs at 50-150 ms), %d entities each; concurrency %s%n%n", locations, files,
          locations - files, entities, concurrency == null ? "default" : concurrency);

      System.out.println("== first full ingestion");
      double first = untilNothingDue(port, scheduler, locations);
      System.out.printf("  %,d entities stored, %,d URL reads; %.1f s, %,.0f entities/s%n%n", count("SELECT count(*) FROM final_entities"),
          urlReads.get(), first, count("SELECT count(*) FROM final_entities") / first);

      System.out.println("== re-reading every location after one processing interval (all due at once)");
      execute("UPDATE location_leases SET next_refresh_at = next_refresh_at - " + Duration.ofMinutes(5).toMillis());
      urlReads.set(0);
      double again = untilNothingDue(port, scheduler, locations);
      System.out.printf("  %,d URL reads; %.1f s, %,.0f locations/s%n%n", urlReads.get(), again, locations / again);
    } finally {
      invoker.stopServer();
      standIn.stop(0);
      database.close();
      if (System.getenv("BACKLOT_BENCH_KEEP_DATABASE") == null) {
        created.drop();
      }
    }
    System.exit(0); // the stand-in's and the invoker's threads would keep the JVM alive
  }

  /**
   * Calls POST /refresh back to back until every location was refreshed, each with a fresh token as
   * the scheduler's are; seconds taken. Locations refreshed early may be due again before the last
   * call when the whole takes longer than the processing interval, and are then counted again.
   */
  private static double untilNothingDue(int port, ServiceTokens scheduler, int locations) throws Exception {
    long start = System.nanoTime();
    int refreshed = 0;
    for (int call = 1; refreshed < locations && call <= 20; call++) {
      long t = System.nanoTime();
      java.net.http.HttpResponse<String> answer = HTTP.send(java.net.http.HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + port + "/api/catalog/refresh"))
          .header("Authorization", scheduler.authorizationFor("catalog")).POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      JsonNode summary = Json.MAPPER.readTree(answer.body());
      long withErrors = 0;
      for (JsonNode outcome : summary.path("locations")) {
        withErrors += outcome.path("errors").isEmpty() ? 0 : 1;
      }
      refreshed += summary.path("refreshed").asInt();
      System.out.printf("  call %d: %d, %.1f s: claimed %,d, refreshed %,d (%,d with errors), failed %,d, unfinished %,d%n", call,
          answer.statusCode(), (System.nanoTime() - t) / 1e9, summary.path("claimed").asInt(), summary.path("refreshed").asInt(), withErrors,
          summary.path("failed").asInt(), summary.path("unfinished").asInt());
    }
    return (System.nanoTime() - start) / 1e9;
  }

  private static String catalogFile(String repo, int entities) {
    StringBuilder yaml = new StringBuilder();
    for (int i = 0; i < entities; i++) {
      yaml.append("apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ").append(repo).append("-svc-").append(i)
          .append("\n  description: Service ").append(i).append(" of ").append(repo)
          .append("\n  tags: [java, payments]\nspec:\n  type: service\n  lifecycle: production\n  owner: team-")
          .append(Math.abs(repo.hashCode()) % 50).append("\n---\n");
    }
    return yaml.toString();
  }

  private static long count(String sql) throws Exception {
    try (Connection connection = database.connection(); Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static void execute(String sql) throws Exception {
    try (Connection connection = database.connection(); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
