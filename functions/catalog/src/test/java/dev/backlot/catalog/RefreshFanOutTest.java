package dev.backlot.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.cloud.functions.invoker.runner.Invoker;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.backlot.catalog.storage.LocationStore;
import dev.backlot.catalog.ingestion.LocationSpec;
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
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The scheduler's refresh fanned out as it runs deployed, on PostgreSQL: the catalog under the real
 * invoker sends its units to its own URL through discovery, here a loopback relay standing in for
 * Cloud Run's front end (it counts the units, and answers 503 for one as Cloud Run does when no
 * instance takes a request); url locations are served by a loopback server that counts reads.
 */
class RefreshFanOutTest {
  private static final int LOCATIONS = 30;
  private static final String FAILING = "/org/repo-7/catalog-info.yaml";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  static PostgresServers.Created created;
  static HttpServer files;
  static HttpServer relay;
  static Invoker invoker;
  static int port;
  static Config config;
  static Database database;

  /** Reads per path, and unit requests per location target, since the last reset. */
  static final Map<String, AtomicInteger> READS = new ConcurrentHashMap<>();
  static final Map<String, AtomicInteger> UNITS = new ConcurrentHashMap<>();
  /** Paths whose read, and targets whose unit, wait for the latch the test sets. */
  static final Map<String, CountDownLatch[]> HELD_READS = new ConcurrentHashMap<>();
  static final Map<String, CountDownLatch[]> HELD_UNITS = new ConcurrentHashMap<>();
  static final Set<String> REFUSED_UNITS = ConcurrentHashMap.newKeySet();

  @BeforeAll
  static void start() throws Exception {
    created = PostgresServers.shared().createDatabase();
    Assumptions.assumeTrue(created.database().jdbcUrl() != null, created.database().unavailableReason());
    database = Database.connect(created.database().jdbcUrl());
    files = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    files.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    files.createContext("/", RefreshFanOutTest::serveFile);
    files.start();
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    relay = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    relay.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    relay.createContext("/", RefreshFanOutTest::relayUnit);
    relay.start();
    config = Config.of(TestTokens.withAuth(Map.of(
        "backend", Map.of("baseUrl", "http://127.0.0.1:" + relay.getAddress().getPort(),
            "reading", Map.of("allow", List.of(Map.of("host", "127.0.0.1:" + files.getAddress().getPort()))),
            "auth", Map.of()),
        "backlot", CatalogFunctionTest.ADMIN_GROUPS,
        "catalog", Map.of("refreshConcurrency", 4, "rules", List.of(Map.of("allow", List.of("Component", "Location")))))));
    PreparedCatalog.prepare(config, database);
    invoker = new Invoker(port, PreparedCatalog.class.getName(), "http", PreparedCatalog.class.getClassLoader());
    invoker.startTestServer();
  }

  @AfterAll
  static void stop() throws Exception {
    if (invoker != null) {
      invoker.stopServer();
      files.stop(0);
      relay.stop(0);
      database.close();
    }
    if (created != null) {
      created.drop();
    }
  }

  @BeforeEach
  void emptyCatalog() throws Exception {
    try (Connection connection = database.connection(); Statement statement = connection.createStatement()) {
      for (String table : List.of("search", "relations", "final_entities", "processing_errors", "location_leases", "locations")) {
        statement.execute("DELETE FROM " + table);
      }
    }
    READS.clear();
    UNITS.clear();
    HELD_READS.clear();
    HELD_UNITS.clear();
    REFUSED_UNITS.clear();
  }

  private static void serveFile(HttpExchange exchange) throws java.io.IOException {
    String path = exchange.getRequestURI().getPath();
    READS.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
    await(HELD_READS.get(path));
    String name = path.split("/")[2];
    byte[] body = ("apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: " + name
        + "\nspec:\n  type: service\n  lifecycle: production\n  owner: team-a\n").getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(200, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  /** Cloud Run's front end, in short: passes units on to the catalog, or refuses those the test names. */
  private static void relayUnit(HttpExchange exchange) throws java.io.IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    String target = Json.MAPPER.readTree(body).path("target").asText();
    String path = URI.create(target).getPath();
    UNITS.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
    await(HELD_UNITS.get(path));
    if (REFUSED_UNITS.contains(path)) {
      exchange.sendResponseHeaders(503, -1);
      exchange.close();
      return;
    }
    try {
      java.net.http.HttpResponse<byte[]> answer = HTTP.send(java.net.http.HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + port + exchange.getRequestURI().getPath()))
          .header("Authorization", exchange.getRequestHeaders().getFirst("Authorization"))
          .header("Content-Type", "application/json")
          .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
      exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
      exchange.getResponseBody().write(answer.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      exchange.sendResponseHeaders(502, -1);
    }
    exchange.close();
  }

  /** [reached, release]: counts down the first, waits for the second. */
  private static void await(CountDownLatch[] latches) {
    if (latches != null) {
      latches[0].countDown();
      try {
        latches[1].await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static String url(int i) {
    return "http://127.0.0.1:" + files.getAddress().getPort() + "/org/repo-" + i + "/catalog-info.yaml";
  }

  /** Registers locations without their immediate refresh, as if discovered long ago. */
  private static List<String> registered(int count) {
    LocationStore store = new LocationStore(database);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ids.add(store.add(new LocationSpec("url", url(i))).orElseThrow().id());
    }
    return ids;
  }

  /** The interval passes: every lease and due time moves {@code minutes} into the past. */
  private static void timePasses(int minutes) throws Exception {
    long by = Duration.ofMinutes(minutes).toMillis();
    try (Connection connection = database.connection(); Statement statement = connection.createStatement()) {
      statement.execute("UPDATE location_leases SET next_refresh_at = next_refresh_at - " + by + ", lease_until = lease_until - " + by);
    }
  }

  private static java.net.http.HttpResponse<String> post(String path, String authorization, String body) throws Exception {
    return HTTP.send(java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/catalog" + path))
        .header("Authorization", authorization).header("Content-Type", "application/json")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
  }

  private static String tokenOf(String service) {
    return ServiceTokens.fromConfig(config, service).authorizationFor("catalog");
  }

  /** Three scheduler calls at once; their answers. */
  private static List<JsonNode> concurrentSchedulerCalls() throws Exception {
    ExecutorService callers = Executors.newFixedThreadPool(3);
    try {
      List<Future<java.net.http.HttpResponse<String>>> calls = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        calls.add(callers.submit(() -> post("/refresh", tokenOf("scheduler"), "")));
      }
      List<JsonNode> answers = new ArrayList<>();
      for (var call : calls) {
        java.net.http.HttpResponse<String> answer = call.get();
        assertEquals(200, answer.statusCode(), answer.body());
        answers.add(Json.MAPPER.readTree(answer.body()));
      }
      return answers;
    } finally {
      callers.shutdown();
    }
  }

  private static int sum(List<JsonNode> answers, String field) {
    return answers.stream().mapToInt(a -> a.path(field).asInt()).sum();
  }

  private static int entityCount(String name) throws Exception {
    return Json.MAPPER.readTree(HTTP.send(java.net.http.HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/api/catalog/entities/by-query?filter=kind=component,metadata.name=" + name + "&limit=0"))
        .header("Authorization", TestTokens.authorization()).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body())
        .path("totalItems").asInt();
  }

  @Test
  void concurrentSchedulerCallsRefreshEveryDueLocationExactlyOncePerIntervalAndAFailedUnitStopsNoOther() throws Exception {
    registered(LOCATIONS);
    REFUSED_UNITS.add(FAILING);

    List<JsonNode> first = concurrentSchedulerCalls();
    assertEquals(LOCATIONS, sum(first, "claimed"), "the callers claimed every location between them: " + first);
    assertEquals(LOCATIONS - 1, sum(first, "refreshed"), first.toString());
    assertEquals(1, sum(first, "failed"), "the unit Cloud Run refused failed, alone");
    for (int i = 0; i < LOCATIONS; i++) {
      String path = URI.create(url(i)).getPath();
      assertEquals(1, UNITS.get(path).get(), "one unit for " + path);
      assertEquals(path.equals(FAILING) ? null : 1, READS.get(path) == null ? null : READS.get(path).get(), "reads of " + path);
    }
    assertEquals(1, entityCount("repo-0"));
    assertEquals(0, entityCount("repo-7"));

    List<JsonNode> again = concurrentSchedulerCalls();
    assertEquals(0, sum(again, "claimed"), "nothing is due again within the interval, the failed unit's location still leased");

    READS.clear();
    UNITS.clear();
    REFUSED_UNITS.clear();
    timePasses(5);
    List<JsonNode> second = concurrentSchedulerCalls();
    assertEquals(LOCATIONS, sum(second, "refreshed"), "the next interval reads each again, the failed one too: " + second);
    for (int i = 0; i < LOCATIONS; i++) {
      assertEquals(1, READS.get(URI.create(url(i)).getPath()).get(), "one read of " + url(i) + " in the second interval");
    }
    assertEquals(1, entityCount("repo-7"));
  }

  @Test
  void aLocationDeletedWhileClaimedIsNotWrittenBack() throws Exception {
    List<String> ids = registered(3);
    // repo-0: deleted while its unit waits in front of the catalog; repo-1: while its file is being read.
    CountDownLatch[] unitHeld = {new CountDownLatch(1), new CountDownLatch(1)};
    CountDownLatch[] readHeld = {new CountDownLatch(1), new CountDownLatch(1)};
    HELD_UNITS.put(URI.create(url(0)).getPath(), unitHeld);
    HELD_READS.put(URI.create(url(1)).getPath(), readHeld);
    ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
    try {
      Future<java.net.http.HttpResponse<String>> refresh = background.submit(() -> post("/refresh", tokenOf("scheduler"), ""));
      assertTrue(unitHeld[0].await(30, TimeUnit.SECONDS) && readHeld[0].await(30, TimeUnit.SECONDS), "both units started");
      assertEquals(204, delete(ids.get(0)).statusCode());
      assertEquals(204, delete(ids.get(1)).statusCode(), "deleting does not wait for a read in progress");
      unitHeld[1].countDown();
      readHeld[1].countDown();
      JsonNode answer = Json.MAPPER.readTree(refresh.get(30, TimeUnit.SECONDS).body());
      assertEquals(2, answer.path("skipped").asInt(), "both units found their lease gone, before reading or before writing: " + answer);
      assertEquals(1, answer.path("refreshed").asInt(), answer.toString());
    } finally {
      background.shutdown();
    }
    assertEquals(null, READS.get(URI.create(url(0)).getPath()), "a location deleted before its unit ran is not read");
    assertEquals(0, entityCount("repo-0"));
    assertEquals(0, entityCount("repo-1"), "what was read while the location was deleted is not written");
    assertEquals(1, entityCount("repo-2"));
    timePasses(5);
    JsonNode next = Json.MAPPER.readTree(post("/refresh", tokenOf("scheduler"), "").body());
    assertEquals(1, next.path("claimed").asInt(), "only the location still registered is claimed again: " + next);
    assertEquals(0, entityCount("repo-0") + entityCount("repo-1"));
  }

  private static java.net.http.HttpResponse<String> delete(String id) throws Exception {
    return HTTP.send(java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/catalog/locations/" + id))
        .header("Authorization", CatalogFunctionTest.ADMIN).DELETE().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theUnitOfWorkRouteRefusesUsersAndOtherServicesAndReadsNothingWithoutTheLease() throws Exception {
    registered(1);
    String unit = "{\"type\":\"url\",\"target\":\"" + url(0) + "\",\"lease\":\"guessed\"}";
    assertEquals(401, post("/refresh/location", "Bearer not-a-token", unit).statusCode());
    assertEquals(403, post("/refresh/location", TestTokens.authorization(), unit).statusCode(), "a user");
    assertEquals(403, post("/refresh/location", CatalogFunctionTest.ADMIN, unit).statusCode(), "an admin");
    assertEquals(403, post("/refresh/location", tokenOf("github"), unit).statusCode(), "another plugin");
    assertEquals(409, post("/refresh/location", tokenOf("catalog"), unit).statusCode(), "the catalog itself, without the lease");
    assertEquals(400, post("/refresh/location", tokenOf("catalog"), "{\"type\":\"url:x\",\"target\":\"y\",\"lease\":\"z\"}").statusCode());
    assertEquals(Map.of(), READS, "nothing was read");
  }
}
