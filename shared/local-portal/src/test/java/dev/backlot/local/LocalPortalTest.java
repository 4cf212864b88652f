package dev.backlot.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlot.local.sample.SampleFunction;
import dev.backlot.platform.http.Json;
import dev.backlot.platform.manifest.PluginManifests;
import dev.backlot.testing.ListeningSockets;
import dev.backlot.testing.Poll;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The portal over real processes: two plugins, the gateway, and a clean shutdown. */
class LocalPortalTest {
  @TempDir static Path root;
  private static LocalPortal portal;
  private static final HttpClient http = HttpClient.newHttpClient();
  private static final ByteArrayOutputStream output = new ByteArrayOutputStream();

  @BeforeAll
  static void start() throws Exception {
    PortalFixture.checkout(root);
    PortalFixture.plugin(root, "sample", SampleFunction.class, "", SampleFunction.class);
    PortalFixture.plugin(root, "other-sample", SampleFunction.class, "", SampleFunction.class);
    portal = LocalPortal.start(new LocalPortal.Options(root, 0, 0, false), new PrintStream(output, true));
  }

  @AfterAll
  static void stop() {
    portal.close();
    for (RunningFunction function : portal.functions()) {
      assertFalse(function.isAlive(), function.name() + " outlived the portal");
    }
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return http.send(request(path).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(uri(path)).header("Authorization", portal.authorizationOf("user:default/guest"));
  }

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + portal.gatewayPort() + path);
  }

  @Test
  void eachPluginIsReachedThroughItsOwnPrefixWithItsOwnDatabase() throws Exception {
    HttpResponse<String> sampleResponse = get("/api/sample/things");
    assertEquals(200, sampleResponse.statusCode(), sampleResponse.body() + output);
    JsonNode sample = Json.MAPPER.readTree(sampleResponse.body());
    JsonNode other = Json.MAPPER.readTree(get("/api/other-sample/things").body());
    assertEquals("sample", sample.get("plugin").asText());
    assertEquals("from sample", sample.get("thing").asText());
    assertEquals("other-sample", other.get("plugin").asText());
    assertEquals("from other-sample", other.get("thing").asText());
    assertEquals("{\"status\":\"ok\"}", get("/api/sample/healthcheck").body());
    assertEquals("{\"status\":\"ok\"}", get("/healthcheck").body());
  }

  @Test
  void methodPathQueryHeadersAndBodyAreForwarded() throws Exception {
    HttpResponse<String> response = http.send(request("/api/sample/echo?q=a&q=b%20c")
        .header("X-Sample", "yes")
        .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[3 * 1024 * 1024]))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    JsonNode echo = Json.MAPPER.readTree(response.body());
    assertEquals("/echo", echo.get("path").asText());
    assertEquals("b c", echo.get("query").get(1).asText());
    assertEquals("yes", echo.get("header").asText());
    assertTrue(echo.get("forwardedFor").asText().startsWith("127.0.0.1"));
    assertEquals(3 * 1024 * 1024, echo.get("size").asInt());
  }

  @Test
  void callersWithoutATokenAre401WhileTheGatewayPublishesTheKeysToVerifyOne() throws Exception {
    HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(uri("/api/sample/things")).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(401, anonymous.statusCode(), anonymous.body());
    assertEquals("AuthenticationError", Json.MAPPER.readTree(anonymous.body()).at("/error/name").asText());
    JsonNode keys = Json.MAPPER.readTree(http.send(HttpRequest.newBuilder(uri("/.well-known/jwks.json")).build(),
        HttpResponse.BodyHandlers.ofString()).body());
    assertEquals("EC", keys.at("/keys/0/kty").asText());
    assertFalse(keys.at("/keys/0").has("d"), "only the public half is published");
  }

  @Test
  void largeResponsesArriveIntact() throws Exception {
    HttpResponse<InputStream> response = http.send(request("/api/sample/big").build(),
        HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, response.statusCode());
    try (InputStream body = response.body()) {
      byte[] chunk = new byte[64 * 1024];
      byte[] expected = new byte[64 * 1024];
      for (int i = 0; i < 320; i++) {
        assertEquals(chunk.length, body.readNBytes(chunk, 0, chunk.length));
        Arrays.fill(expected, (byte) i);
        assertArrayEquals(expected, chunk, "chunk " + i);
      }
      assertEquals(-1, body.read());
    }
  }

  @Test
  void unknownPrefixesAre404InBackstagesShape() throws Exception {
    HttpResponse<String> response = get("/api/nope/entities?x=1");
    assertEquals(404, response.statusCode());
    JsonNode body = Json.MAPPER.readTree(response.body());
    assertEquals("NotFoundError", body.at("/error/name").asText());
    assertEquals("/api/nope/entities?x=1", body.at("/request/url").asText());
    assertEquals(404, body.at("/response/statusCode").asInt());
    assertEquals(404, get("/api/sample-not-really/x").statusCode(), "prefixes match whole segments");
  }

  private static int ticks(String plugin) throws Exception {
    return Json.MAPPER.readTree(get("/api/" + plugin + "/ticks").body()).get("ticks").asInt();
  }

  @Test
  void everyManifestScheduleIsCalledThroughTheGatewaySoonAfterStart() throws Exception {
    // The first calls are spread a few seconds apart; poll (bounded) until both have arrived.
    for (String plugin : List.of("sample", "other-sample")) {
      Poll.until(Duration.ofSeconds(30), () -> ticks(plugin) > 0, () -> plugin + " was never called");
      assertEquals(1, ticks(plugin), plugin);
      // The scheduler logs after the answer arrives; wait (bounded) for that line too.
      String logged = "[scheduler] POST /api/" + plugin + "/tick → 200";
      Poll.until(Duration.ofSeconds(5), () -> output.toString().contains(logged), output::toString);
    }
  }

  @Test
  void theStartupListingNamesEveryPlugin() {
    String printed = output.toString();
    assertTrue(printed.contains("/api/sample/healthcheck") && printed.contains("/api/other-sample/healthcheck"), printed);
  }

  @Test
  void aPluginThatCannotStartAnswersItsCallersWithItsOutput(@TempDir Path other) throws Exception {
    PortalFixture.checkout(other);
    PortalFixture.plugin(other, "broken", SampleFunction.class, "");
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try (LocalPortal broken = LocalPortal.start(new LocalPortal.Options(other, 0, 0, false), new PrintStream(printed, true))) {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + broken.gatewayPort() + "/api/broken/things"))
          .header("Authorization", broken.authorizationOf("user:default/guest")).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(503, response.statusCode(), response.body());
      String message = Json.MAPPER.readTree(response.body()).at("/error/message").asText();
      assertTrue(message.startsWith("The plugin at /api/broken did not start") && message.contains("SampleFunction"), message);
      assertTrue(printed.toString().contains("[portal] broken did not start"), printed.toString());
    }
  }

  /** The plugin starts beside the invoker's server; when it fails, the process ends as it did when the constructor threw. */
  @Test
  void aPluginWhoseStartFailsAfterItsServerListensEndsItsProcessWithTheCause(@TempDir Path other) throws Exception {
    PortalFixture.checkout(other);
    PortalFixture.plugin(other, "unmigratable", SampleFunction.class, "", "CREATE TABLE things (;\n", SampleFunction.class);
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try (LocalPortal broken = LocalPortal.start(new LocalPortal.Options(other, 0, 0, false), new PrintStream(printed, true))) {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + broken.gatewayPort() + "/api/unmigratable/things"))
          .header("Authorization", broken.authorizationOf("user:default/guest")).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(503, response.statusCode(), response.body());
      String message = Json.MAPPER.readTree(response.body()).at("/error/message").asText();
      assertTrue(message.startsWith("The plugin at /api/unmigratable did not start") && message.contains("Migrations failed")
          && message.contains("V1__things.sql"), message);
    }
  }

  @Test
  void requestsThatArriveWhileAPluginStartsAreServedByItsOneProcess(@TempDir Path other) throws Exception {
    PortalFixture.checkout(other);
    PortalFixture.plugin(other, "sample", SampleFunction.class, "", SampleFunction.class);
    try (LocalPortal fresh = LocalPortal.start(new LocalPortal.Options(other, 0, 0, false), new PrintStream(new ByteArrayOutputStream()))) {
      List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> calls = new java.util.ArrayList<>();
      for (int i = 0; i < 3; i++) {
        calls.add(http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + fresh.gatewayPort() + "/api/sample/things"))
            .header("Authorization", fresh.authorizationOf("user:default/guest")).build(), HttpResponse.BodyHandlers.ofString()));
      }
      for (var call : calls) {
        assertEquals(200, call.join().statusCode(), call.join().body());
      }
      assertEquals(1, fresh.functions().size(), "one process serves every waiting request");
    }
  }

  @Test
  void theGatewayAndEveryPluginListenOnLoopbackOnly() throws Exception {
    assumeTrue(ListeningSockets.readable(), "no /proc/net/tcp to read listening sockets from");
    // On every interface, anyone on the developer's network could call a plugin directly.
    assertEquals(200, get("/api/sample/things").statusCode());
    assertEquals(200, get("/api/other-sample/things").statusCode());
    List<Integer> ports = new ArrayList<>(List.of(portal.gatewayPort()));
    portal.functions().forEach(function -> ports.add(function.port()));
    assertEquals(3, ports.size(), "the gateway and both plugins");
    for (int port : ports) {
      List<InetAddress> addresses = ListeningSockets.on(port);
      assertFalse(addresses.isEmpty(), "nothing listens on " + port);
      assertTrue(addresses.stream().allMatch(InetAddress::isLoopbackAddress), port + " listens on " + addresses);
    }
  }

  @Test
  void askedToTheGatewayListensOnEveryInterfaceWhilePluginsStayOnLoopback(@TempDir Path other) throws Exception {
    assumeTrue(ListeningSockets.readable(), "no /proc/net/tcp to read listening sockets from");
    PortalFixture.checkout(other);
    PortalFixture.plugin(other, "sample", SampleFunction.class, "", SampleFunction.class);
    LocalPortal.Options options = LocalPortal.Options.parse(new String[] {"--root", other.toString(), "--host", "0.0.0.0", "--port", "0",
        "--shell-port", "0", "--no-aot"});
    try (LocalPortal exposed = LocalPortal.start(options, new PrintStream(new ByteArrayOutputStream()))) {
      assertEquals(200, http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + exposed.gatewayPort() + "/api/sample/things"))
          .header("Authorization", exposed.authorizationOf("user:default/guest")).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
      assertTrue(ListeningSockets.on(exposed.gatewayPort()).stream().allMatch(InetAddress::isAnyLocalAddress));
      assertTrue(ListeningSockets.on(exposed.functions().get(0).port()).stream().allMatch(InetAddress::isLoopbackAddress));
    }
  }

  @Test
  void theListenAddressIsLoopbackUnlessAnotherIsNamedAndOnlyOneTheMachineReachesOnLoopback() {
    assertEquals("127.0.0.1", LocalPortal.Options.parse(new String[] {"--root", root.toString()}).host());
    assertEquals("::", LocalPortal.Options.parse(new String[] {"--root", root.toString(), "--host", "::"}).host());
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> LocalPortal.Options.parse(new String[] {"--root", root.toString(), "--host", "192.0.2.10"}));
    assertTrue(refused.getMessage().contains("--host"), refused.getMessage());
  }

  @Test
  void theShellIsToldWhichPluginsRunForTheWebUisSidebar() {
    Map<String, String> shellEnv = LocalPortal.shellEnvironment(Map.of("BACKLOT_ENV", "development"),
        PluginManifests.load(root.resolve("functions")));
    assertEquals("development", shellEnv.get("BACKLOT_ENV"));
    assertEquals(Set.of("sample", "other-sample"), Set.of(shellEnv.get("BACKLOT_PLUGINS").split(",")));
  }
}
