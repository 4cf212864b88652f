package dev.backlot.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlot.platform.http.Json;
import dev.backlot.testing.TestTokens;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Each attack on the proxy, as its sender would make it, and what the proxy does instead. The
 * senders: a signed-in user probing through the browser (paths, headers, bodies), a target that
 * turns hostile (redirects, headers in its answers), and whoever controls a target's DNS.
 */
class ProxySafetyTest {
  private static final String SECRET = "svc-secret-6b1f0d";
  private static TargetServer target;
  private static TargetServer elsewhere;
  private static RunningProxy proxy;
  private static final StringBuilder LOGS = new StringBuilder();
  private static final Handler CAPTURE = new Handler() {
    @Override
    public void publish(LogRecord record) {
      synchronized (LOGS) {
        LOGS.append(record.getLoggerName()).append(' ').append(record.getMessage()).append(' ')
            .append(java.util.Arrays.toString(record.getParameters())).append(' ').append(record.getThrown()).append('\n');
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  @BeforeAll
  static void start() throws Exception {
    target = TargetServer.start();
    elsewhere = TargetServer.start();
    String url = target.url();
    Map<String, Object> endpoints = new LinkedHashMap<>();
    endpoints.put("/api", Map.of("target", url + "/base", "internal", true, "headers", Map.of("X-Service-Key", SECRET),
        "allowedHeaders", List.of("X-Api-Key", "X-Trace", "Authorization")));
    endpoints.put("/small", Map.of("target", url, "internal", true, "maxRequestBytes", 1024));
    endpoints.put("/cookies", Map.of("target", url, "internal", true, "allowedHeaders", List.of("Set-Cookie")));
    endpoints.put("/loopback", url);
    endpoints.put("/localhost", "http://localhost:" + target.port());
    endpoints.put("/mapped", "http://[::ffff:127.0.0.1]:" + target.port());
    endpoints.put("/v6loopback", "http://[::1]:" + target.port());
    endpoints.put("/private10", "http://10.0.0.1:" + target.port());
    endpoints.put("/private192", "http://192.168.1.1");
    endpoints.put("/private172", "http://172.16.0.1");
    endpoints.put("/cgnat", "http://100.64.0.1");
    endpoints.put("/ula", "http://[fd12:3456::1]");
    endpoints.put("/linklocal", "http://[fe80::1]");
    endpoints.put("/wildcard", "http://0.0.0.0:" + target.port());
    endpoints.put("/metadata", Map.of("target", "http://169.254.169.254", "internal", true));
    endpoints.put("/metadata6", Map.of("target", "http://[fd00:ec2::254]", "internal", true));
    endpoints.put("/metadatamapped", Map.of("target", "http://[::ffff:169.254.169.254]", "internal", true));
    endpoints.put("/mixed", "http://mixed.test:" + target.port());
    endpoints.put("/private", "http://private.test:" + target.port());
    endpoints.put("/meta", Map.of("target", "http://meta.test:" + target.port(), "internal", true));
    endpoints.put("/internal", Map.of("target", "http://internal.test:" + target.port(), "internal", true));
    endpoints.put("/fast", Map.of("target", url, "internal", true, "proxyTimeout", "300ms"));
    proxy = RunningProxy.start(Map.of("proxy", Map.of("endpoints", endpoints)));
    Logger.getLogger("").addHandler(CAPTURE);
    // Every level, the HTTP client's header logging included, had it not been capped.
    Logger.getLogger("").setLevel(Level.ALL);
  }

  @AfterAll
  static void stop() throws Exception {
    Logger.getLogger("").removeHandler(CAPTURE);
    Logger.getLogger("").setLevel(Level.INFO);
    proxy.close();
    target.close();
    elsewhere.close();
  }

  @BeforeEach
  void reset() {
    target.reset();
    elsewhere.reset();
  }

  private static String raw(String method, String path, String... headers) throws Exception {
    StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    request.append("Authorization: ").append(TestTokens.authorization()).append("\r\n");
    String connection = "close";
    for (String header : headers) {
      if (header.startsWith("Connection: ")) {
        connection += ", " + header.substring("Connection: ".length());
      } else {
        request.append(header).append("\r\n");
      }
    }
    request.append("Connection: ").append(connection).append("\r\n\r\n");
    return RawHttp.send(proxy.uri("/").getPort(), request.toString());
  }

  private static int status(String rawAnswer) {
    return Integer.parseInt(rawAnswer.substring(9, 12));
  }

  /** A signed-in user walks out of the target's base path to reach its other APIs. */
  @ParameterizedTest
  @ValueSource(strings = {"/api/proxy/api/../admin", "/api/proxy/api/%2e%2e/admin", "/api/proxy/api/%2E%2e/admin",
      "/api/proxy/api/..%2fadmin", "/api/proxy/api/%252e%252e/admin", "/api/proxy/api/%2e%2e/%2e%2e/x", "/api/proxy/api/.%2e/x",
      "/api/proxy/api//evil.example/x", "/api/proxy/api/..\\admin", "/api/proxy/api/%5c..%5cadmin",
      "/api/proxy/api/%255c..%255cadmin", "/api/proxy/api/x/%2e"})
  void pathsThatLeaveTheTargetsBasePathAreRefused(String path) throws Exception {
    String answer = raw("GET", path);
    assertTrue(status(answer) == 400 || status(answer) == 404, answer);
    assertTrue(target.received().isEmpty(), () -> "reached the target: " + target.received());
  }

  @Test
  void anEncodedSlashBetweenNamesIsNoEscape() throws Exception {
    var response = proxy.get("/api/proxy/api/projects/group%20x/files");
    assertEquals(200, response.statusCode(), response.body());
    assertEquals("GET /base/projects/group%20x/files", response.body());
  }

  /** A target (hostile, or taken over) redirects the proxy to a host of its choosing, hoping it follows with the service key. */
  @Test
  void redirectsGoBackToTheCallerAndAreNeverFollowed() throws Exception {
    String other = elsewhere.url() + "/steal";
    target.answerWith(exchange -> {
      target.record(exchange);
      exchange.getResponseHeaders().add("Location", other);
      exchange.sendResponseHeaders(302, -1);
    });
    var response = proxy.send(proxy.signedIn("/api/proxy/api/x"));
    assertEquals(302, response.statusCode());
    assertEquals(other, response.headers().firstValue("Location").orElseThrow(), "Location is passed on unchanged");
    assertEquals(1, target.received().size());
    assertTrue(elsewhere.received().isEmpty(), "the proxy never fetched the Location");
  }

  /**
   * A user smuggles headers to the target: hop-by-hop ones, Connection naming an allowed header
   * so a proxy downstream drops it, proxy credentials, their session cookie and forwarded tokens.
   */
  @Test
  void hopByHopAndCallerCredentialHeadersNeverReachTheTarget() throws Exception {
    String answer = raw("GET", "/api/proxy/api/x", "Connection: X-Trace", "X-Trace: t-1", "X-Api-Key: k-1",
        "Keep-Alive: timeout=5", "TE: trailers", "Trailer: X-Later", "Proxy-Authorization: Basic Zm9vOmJhcg==",
        "Proxy-Connection: keep-alive", "Cookie: backlot-session=abc", "X-Forwarded-Authorization: Bearer other", "X-Service-Key: mine",
        "X-Unlisted: u-1", "Accept: application/json");
    assertEquals(200, status(answer), answer);
    TargetServer.Received received = target.received().getFirst();
    for (String name : List.of("keep-alive", "te", "trailer", "upgrade", "proxy-authorization", "proxy-connection", "cookie",
        "x-forwarded-authorization", "x-trace", "x-unlisted", "authorization")) {
      assertNull(received.header(name), name + " reached the target: " + received.headers());
    }
    assertEquals("k-1", received.header("x-api-key"), "an allowed header passes");
    assertEquals("application/json", received.header("accept"), "a safe header passes");
    assertEquals(SECRET, received.header("x-service-key"), "the endpoint's header wins over the caller's");

    // An upgrade to another protocol (a tunnel past the proxy's rules) is refused by the server in front.
    target.reset();
    String upgrade = raw("GET", "/api/proxy/api/x", "Connection: Upgrade", "Upgrade: websocket", "Sec-WebSocket-Version: 13",
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==");
    assertTrue(status(upgrade) >= 400 || target.received().stream().allMatch(r -> r.header("upgrade") == null), upgrade);
  }

  /** A target answers with headers meant for the proxy's connection, cookies for the portal's origin, and its own internals. */
  @Test
  void theTargetsHopByHopCookiesAndUnlistedHeadersNeverReachTheCaller() throws Exception {
    target.answerWith(exchange -> {
      target.record(exchange);
      var headers = exchange.getResponseHeaders();
      headers.add("Content-Type", "application/json");
      headers.add("Connection", "X-Api-Key");
      headers.add("X-Api-Key", "named-by-connection");
      headers.add("Set-Cookie", "portal-session=evil; Path=/");
      headers.add("Proxy-Authenticate", "Basic");
      headers.add("Upgrade", "h2c");
      headers.add("X-Internal-Host", "db-7.internal");
      headers.add("Cache-Control", "no-store");
      exchange.sendResponseHeaders(200, 2);
      exchange.getResponseBody().write("{}".getBytes());
    });
    String answer = raw("GET", "/api/proxy/api/x").toLowerCase();
    assertEquals(200, status(answer), answer);
    for (String header : List.of("set-cookie", "proxy-authenticate", "upgrade: h2c", "x-internal-host", "named-by-connection")) {
      assertFalse(answer.contains(header), header + " reached the caller: " + answer);
    }
    assertTrue(answer.contains("cache-control: no-store"), answer);
    assertTrue(answer.contains("content-type: application/json"), answer);

    target.answerWith(exchange -> {
      target.record(exchange);
      exchange.getResponseHeaders().add("Set-Cookie", "vendor=1");
      exchange.sendResponseHeaders(204, -1);
    });
    var allowed = proxy.get("/api/proxy/cookies/x");
    assertEquals("vendor=1", allowed.headers().firstValue("Set-Cookie").orElseThrow(), "allowedHeaders lets Set-Cookie through");
  }

  /** A user sends a body larger than the endpoint allows, declared or chunked, to tie up the function and the target. */
  @Test
  void bodiesOverTheEndpointsLimitAre413() throws Exception {
    var declared = proxy.send(proxy.signedIn("/api/proxy/small/x").POST(BodyPublishers.ofByteArray(new byte[1025])));
    assertEquals(413, declared.statusCode(), declared.body());
    assertEquals("PayloadTooLargeError", Json.MAPPER.readTree(declared.body()).at("/error/name").asText());
    assertTrue(target.received().isEmpty());

    var chunked = proxy.send(proxy.signedIn("/api/proxy/small/x")
        .POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[64 * 1024]))));
    assertEquals(413, chunked.statusCode(), chunked.body());
    assertTrue(target.received().stream().allMatch(r -> r.body().length <= 1024), "the target never got more than the limit");

    var fits = proxy.send(proxy.signedIn("/api/proxy/small/x").POST(BodyPublishers.ofByteArray(new byte[1024])));
    assertEquals(200, fits.statusCode());
    assertEquals(1024, target.received().getLast().body().length);
  }

  /**
   * An operator points an endpoint (copied from somewhere, or at a name someone else controls)
   * at the function's own network; a user then calls it. Without internal: true nothing private
   * is reached, and the metadata server never is.
   */
  @ParameterizedTest
  @ValueSource(strings = {"/loopback", "/localhost", "/mapped", "/v6loopback", "/private10", "/private192", "/private172", "/cgnat",
      "/ula", "/linklocal", "/wildcard", "/metadata", "/metadata6", "/metadatamapped"})
  void targetsInNonPublicRangesAreRefusedBeforeConnecting(String route) throws Exception {
    var response = proxy.get("/api/proxy" + route + "/computeMetadata/v1/instance/service-accounts/default/token");
    assertEquals(403, response.statusCode(), response.body());
    assertEquals("NotAllowedError", Json.MAPPER.readTree(response.body()).at("/error/name").asText());
    assertTrue(target.received().isEmpty());
  }

  /**
   * Whoever controls a target's DNS answers a public address when the endpoint is set up and a
   * private one (or one of each) when the proxy connects: the check is on the addresses the
   * proxy connects to, at the time it connects.
   */
  @Test
  void theAddressesCheckedAreTheOnesConnectedTo() throws Exception {
    // Each name is looked up once: the JVM keeps answers for 30 s, as it would in production.
    TestDns.answer("mixed.test", "203.0.113.7", "127.0.0.1");
    assertEquals(403, proxy.get("/api/proxy/mixed/x").statusCode(), "one private answer among public ones");
    TestDns.answer("private.test", "127.0.0.1");
    assertEquals(403, proxy.get("/api/proxy/private/x").statusCode());
    TestDns.answer("meta.test", "169.254.169.254");
    assertEquals(403, proxy.get("/api/proxy/meta/x").statusCode(), "the metadata server even for internal endpoints");
    TestDns.answer("internal.test", "127.0.0.1");
    assertEquals(200, proxy.get("/api/proxy/internal/x").statusCode(), "an internal endpoint reaches loopback");
    assertEquals(1, target.received().size());
  }

  @Test
  void aTargetThatDoesNotAnswerInTimeIs504() throws Exception {
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    target.answerWith(exchange -> {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    try {
      var response = proxy.get("/api/proxy/fast/x");
      assertEquals(504, response.statusCode(), response.body());
      assertEquals("GatewayTimeoutError", Json.MAPPER.readTree(response.body()).at("/error/name").asText());
    } finally {
      release.countDown();
    }
  }

  /** The endpoint's secret header never shows in answers or logs, whatever the log level. */
  @Test
  void theEndpointsSecretsNeverReachAnswersOrLogs() throws Exception {
    var ok = proxy.get("/api/proxy/api/x");
    var refused = proxy.get("/api/proxy/api/%2e%2e/x");
    assertEquals(200, ok.statusCode());
    assertFalse(ok.body().contains(SECRET) || ok.headers().map().toString().contains(SECRET));
    assertFalse(refused.body().contains(SECRET));
    synchronized (LOGS) {
      assertTrue(LOGS.length() > 0, "logs were captured");
      List<String> leaks = LOGS.toString().lines().filter(line -> line.contains(SECRET)).toList();
      assertEquals(List.of(), leaks, "log lines hold the secret");
    }
  }
}
