package dev.backlot.catalog.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlot.catalog.ingestion.FileLocationReader;
import dev.backlot.catalog.ingestion.LocationProcessor;
import dev.backlot.catalog.ingestion.LocationRefresh;
import dev.backlot.catalog.ingestion.LocationSpec;
import dev.backlot.catalog.routes.EntityRoutes;
import dev.backlot.catalog.routes.QueryRoutes;
import dev.backlot.catalog.storage.EntityQuery;
import dev.backlot.catalog.storage.EntityStore;
import dev.backlot.catalog.storage.LocationStore;
import dev.backlot.platform.Plugin;
import dev.backlot.platform.auth.AdminGroups;
import dev.backlot.platform.auth.Authenticator;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.db.Database;
import dev.backlot.platform.http.Json;
import dev.backlot.platform.http.Router;
import dev.backlot.platform.manifest.PluginManifest;
import dev.backlot.testing.PostgresServers;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;

/**
 * The catalog at scale on PostgreSQL: generates 10k and 100k-entity catalogs, ingests them from
 * file locations and measures ingestion throughput, then serves Backstage's read routes over
 * real HTTP (the Functions Framework invoker, in this JVM) and prints p50/p95 latencies.
 * Run with {@code ./backlot bench catalog [sizes…]}; needs BACKLOT_TEST_POSTGRES_URL.
 */
public final class CatalogBenchmark {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String BENCH_TOKEN = "catalog-benchmark-token";

  public static void main(String[] args) throws Exception {
    dev.backlot.platform.logging.Logging.configure();
    int[] sizes = args.length == 0 ? new int[] {10_000, 100_000} : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
    System.out.printf("Catalog benchmark · %s · %d cores · Java %s · PostgreSQL via %s%n%n", LocalDate.now(),
        Runtime.getRuntime().availableProcessors(), Runtime.version(), "BACKLOT_TEST_POSTGRES_URL");
    for (int size : sizes) {
      run(size);
    }
    System.out.printf("peak RSS of this JVM (catalog + benchmark client): %.0f MiB%n", peakRssMib());
  }

  private static void run(int size) throws Exception {
    String kept = System.getenv("BACKLOT_BENCH_DATABASE");
    PostgresServers.Created created = kept == null ? PostgresServers.shared().createDatabase() : null;
    String jdbcUrl = kept == null ? created.database().jdbcUrl() : kept;
    try (Database database = Database.connect(jdbcUrl, new java.util.Properties(), 8)) {
      PluginManifest manifest = new PluginManifest("catalog", "x", "/api/catalog", true, false, List.of(), List.of(),
          "/healthcheck", List.of(), PluginManifest.Resources.DEFAULT);
      Plugin plugin = Plugin.withDatabase(manifest, Config.empty(), database, CatalogBenchmark.class.getClassLoader());
      EntityStore store = new EntityStore(plugin.database());
      if (kept == null) {
        ingest(plugin, store, size);
      } else {
        System.out.printf("== reads of the catalog kept in %s%n", kept);
      }

      // Reads are for signed-in callers: the benchmark is one, with a static token (no signature to verify).
      Router router = new Router("/api/catalog").authenticateWith(Authenticator.fromConfig(Config.of(java.util.Map.of("backend", java.util.Map.of(
          "auth", java.util.Map.of("externalAccess", List.of(java.util.Map.of("type", "static", "options",
              java.util.Map.of("token", BENCH_TOKEN, "subject", "catalog-benchmark"))))))), "catalog"), AdminGroups.NONE);
      new EntityRoutes(store).register(router);
      new QueryRoutes(new EntityQuery(store)).register(router);
      try (Served served = Served.start(router)) {
        Random random = new Random(7);
        int components = (int) served.json("/entities/by-query?filter=kind=component&limit=0").get("totalItems").asLong();
        List<Route> routes = List.of(
            new Route("by-name lookup", 2000, i -> "/entities/by-name/component/default/component-" + random.nextInt(components)),
            new Route("filtered by-query page (limit 100)", 300,
                i -> "/entities/by-query?filter=kind=component,spec.type=service&orderField=metadata.name,asc&limit=100"),
            new Route("by-query page of every kind by name (limit 100)", 300, i -> "/entities/by-query?orderField=metadata.name,asc&limit=100"),
            new Route("entity-facets spec.type + metadata.tags", 100, i -> "/entity-facets?facet=spec.type&facet=metadata.tags&filter=kind=component"),
            new Route("full-text query (limit 100)", 200,
                i -> "/entities/by-query?filter=kind=component&fullTextFilterTerm=component-" + random.nextInt(1000) + "&fullTextFilterFields=metadata.name&limit=100"),
            // The catalog UI's search box: a term in names and titles, 20 to a page. "payments" is
            // in one title in twelve of every kind; "component" in every component's name and title.
            new Route("text common, name+title, by name (issue 22)", 200,
                i -> "/entities/by-query?fullTextFilterTerm=payments&fullTextFilterFields=metadata.name,metadata.title&orderField=metadata.name,asc&limit=20"),
            new Route("text common, name+title, kind, by name", 200,
                i -> "/entities/by-query?filter=kind=component&fullTextFilterTerm=payments&fullTextFilterFields=metadata.name,metadata.title&orderField=metadata.name,asc&limit=20"),
            new Route("text common, name+title, kind, unordered", 200,
                i -> "/entities/by-query?filter=kind=component&fullTextFilterTerm=payments&fullTextFilterFields=metadata.name,metadata.title&limit=20"),
            new Route("text common, title, unordered", 200,
                i -> "/entities/by-query?fullTextFilterTerm=Payments&fullTextFilterFields=metadata.title&limit=20"),
            new Route("text common, title, by title desc", 200,
                i -> "/entities/by-query?fullTextFilterTerm=payments&fullTextFilterFields=metadata.title&orderField=metadata.title,desc&limit=20"),
            new Route("text very common, name+title, by name", 200,
                i -> "/entities/by-query?fullTextFilterTerm=component&fullTextFilterFields=metadata.name,metadata.title&orderField=metadata.name,asc&limit=20"),
            new Route("text rare, name+title, by name", 200,
                i -> "/entities/by-query?fullTextFilterTerm=component-" + random.nextInt(components)
                    + "&fullTextFilterFields=metadata.name,metadata.title&orderField=metadata.name,asc&limit=20"),
            new Route("text rare, name, kinds, unordered", 200,
                i -> "/entities/by-query?filter=kind=api,kind=component&fullTextFilterTerm=api-" + random.nextInt(1000)
                    + "&fullTextFilterFields=metadata.name&limit=20"));
        // BACKLOT_BENCH_ROUTES=<text> measures only the routes whose name holds it (and no cursor walk).
        String only = System.getenv("BACKLOT_BENCH_ROUTES");
        if (only != null) {
          routes = routes.stream().filter(route -> route.name().contains(only)).toList();
        }
        // Steady state is measured: every route is served until the JIT has compiled the whole
        // request path (HTTP server, router, JDBC driver, JSON), as it has in a function that has
        // served traffic for a while. Cold starts are measured by the cold-start benchmark.
        for (int round = 0; round < 5; round++) {
          for (Route route : routes) {
            route.serve(served, route.requests() / 2);
          }
        }
        for (Route route : routes) {
          route.measure(served);
        }
        if (only != null) {
          return;
        }
        long walkStart = System.nanoTime();
        int walked = 0;
        int pages = 0;
        String cursor = null;
        do {
          JsonNode page = served.json("/entities/by-query?limit=500&fields=metadata.name"
              + (cursor == null ? "&filter=kind=component&orderField=metadata.name,asc" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
          walked += page.get("items").size();
          pages++;
          cursor = page.at("/pageInfo/nextCursor").isMissingNode() ? null : page.at("/pageInfo/nextCursor").asText();
        } while (cursor != null);
        System.out.printf("  cursor walk over all %,d components: %d pages of 500 in %.2f s%n%n", walked, pages,
            (System.nanoTime() - walkStart) / 1e9);
      }
    } finally {
      if (created != null && System.getenv("BACKLOT_BENCH_KEEP_DATABASE") == null) {
        created.drop();
      } else if (created != null) {
        System.out.println("  kept database (BACKLOT_BENCH_DATABASE=" + jdbcUrl + " measures its reads again)");
      }
    }
  }

  /** Generates a catalog of {@code size} entities behind one location and ingests it through a refresh lease. */
  private static void ingest(Plugin plugin, EntityStore store, int size) throws Exception {
    Path dir = Files.createTempDirectory("catalog-bench");
    Path root = SampleCatalog.write(dir, size);
    Config config = Config.of(java.util.Map.of("catalog", java.util.Map.of("locations", List.of(dev.backlot.catalog.Examples.location(root.toString())))));
    FileLocationReader files = FileLocationReader.fromConfig(config, dir);
    LocationProcessor processor = new LocationProcessor(List.of(files), dev.backlot.catalog.ingestion.rules.CatalogRules.fromConfig(config, files::canonical));
    LocationRefresh refresh = new LocationRefresh(config, new LocationStore(plugin.database()), processor, store,
        new dev.backlot.catalog.storage.RefreshLeases(plugin.database()));
    long start = System.nanoTime();
    LocationRefresh.Outcome outcome = refresh.refresh(new LocationSpec("file", root.toString())).orElseThrow();
    double seconds = (System.nanoTime() - start) / 1e9;
    try (java.sql.Connection c = plugin.database().connection(); java.sql.Statement s = c.createStatement()) {
      s.execute("VACUUM ANALYZE");
    }
    System.out.printf("== %,d entities: ingested %,d in %.1f s = %,.0f entities/s (errors: %d)%n",
        size, outcome.written(), seconds, outcome.written() / seconds, outcome.errors().size());
  }

  /** A route measured with {@code requests} requests, each to the path made for its index. */
  private record Route(String name, int requests, IntFunction<String> path) {
    void serve(Served served, int count) throws Exception {
      for (int i = 0; i < count; i++) {
        served.json(path.apply(i));
      }
    }

    void measure(Served served) throws Exception {
      long[] micros = new long[requests];
      for (int i = 0; i < requests; i++) {
        String p = path.apply(i);
        long t = System.nanoTime();
        served.json(p);
        micros[i] = (System.nanoTime() - t) / 1000;
      }
      Arrays.sort(micros);
      System.out.printf("  %-48s p50 %7.2f ms   p95 %7.2f ms   (%d requests)%n", name,
          micros[requests / 2] / 1000.0, micros[(int) Math.ceil(requests * 0.95) - 1] / 1000.0, requests);
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

  /** The router served by the real Functions Framework invoker on a loopback port. */
  private record Served(com.google.cloud.functions.invoker.runner.Invoker invoker, int port) implements AutoCloseable {
    static Router current;

    /** The function the invoker instantiates; it serves the benchmark's router. */
    public static final class Function implements com.google.cloud.functions.HttpFunction {
      @Override
      public void service(com.google.cloud.functions.HttpRequest request, com.google.cloud.functions.HttpResponse response) throws Exception {
        current.dispatch(request, response);
      }
    }

    static Served start(Router router) throws Exception {
      current = router;
      int port;
      try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
        port = socket.getLocalPort();
      }
      var invoker = new com.google.cloud.functions.invoker.runner.Invoker(port, Function.class.getName(), "http", Function.class.getClassLoader());
      invoker.startTestServer();
      return new Served(invoker, port);
    }

    JsonNode json(String path) throws Exception {
      HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/catalog" + path))
          .header("Authorization", "Bearer " + BENCH_TOKEN).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + new String(response.body(), StandardCharsets.UTF_8));
      }
      return Json.MAPPER.readTree(response.body());
    }

    @Override
    public void close() throws Exception {
      invoker.stopServer();
    }
  }

}
