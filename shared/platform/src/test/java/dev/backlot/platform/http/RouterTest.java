package dev.backlot.platform.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RouterTest {
  /** A function whose routes exercise the router; the invoker instantiates it by name. */
  public static final class SampleFunction implements HttpFunction {
    private final Router router = new Router("/api/sample")
        .get("/things/:kind/:name", Access.PUBLIC, req -> Map.of("kind", req.pathParam("kind"), "name", req.pathParam("name")))
        .get("/things/by-query", Access.PUBLIC, req -> Map.of("filters", req.queryAll("filter"), "limit", req.query("limit").orElse("none")))
        .post("/things", Access.PUBLIC, req -> Response.json(201, req.json()))
        .post("/small", Access.PUBLIC, 16, req -> Map.of("size", req.body().length))
        .delete("/things/:kind/:name", Access.PUBLIC, req -> null)
        .get("/fail", Access.PUBLIC, req -> {
          throw new IllegalStateException("secret internals: password=hunter2");
        })
        .get("/missing", Access.PUBLIC, req -> {
          throw HttpError.notFound("No entity named 'x' found, with kind 'component' in namespace 'default'");
        })
        .get("/files/*", Access.PUBLIC, req -> Map.of("rest", req.pathParam("*")))
        .get("/files/special", Access.PUBLIC, req -> Map.of("special", true))
        .post("/streamed/*", Access.PUBLIC, 16, req -> {
          try (var in = req.bodyStream()) {
            return Map.of("size", in.readAllBytes().length);
          }
        })
        .get("/stream", Access.PUBLIC, req -> Response.stream(200, "text/plain", out -> {
          for (int i = 0; i < 1000; i++) {
            out.write("line\n".getBytes());
          }
        }).withHeader("X-Count", "1000"));

    @Override
    public void service(HttpRequest request, HttpResponse response) throws Exception {
      router.dispatch(request, response);
    }
  }

  private static RunningFunction function;

  @BeforeAll
  static void start() throws Exception {
    function = RunningFunction.start(SampleFunction.class);
  }

  @AfterAll
  static void stop() throws Exception {
    function.close();
  }

  @Test
  void pathParametersAreDecodedBelowThePrefix() throws Exception {
    var response = function.get("/api/sample/things/component/my%20service");
    assertEquals(200, response.statusCode());
    assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
    JsonNode body = Json.MAPPER.readTree(response.body());
    assertEquals("component", body.get("kind").asText());
    assertEquals("my service", body.get("name").asText());
  }

  @Test
  void pathsWithoutThePrefixReachTheSameRoutes() throws Exception {
    var response = function.get("/things/api/x");
    assertEquals(200, response.statusCode());
    assertEquals("api", Json.MAPPER.readTree(response.body()).get("kind").asText());
  }

  @Test
  void literalSegmentsWinOverParameters() throws Exception {
    var response = function.get("/api/sample/things/by-query?filter=kind=component&filter=kind=api&limit=5");
    JsonNode body = Json.MAPPER.readTree(response.body());
    assertEquals(2, body.get("filters").size());
    assertEquals("kind=api", body.get("filters").get(1).asText());
    assertEquals("5", body.get("limit").asText());
  }

  @Test
  void jsonBodyRoundTripsWithHandlerChosenStatus() throws Exception {
    var response = function.send(java.net.http.HttpRequest.newBuilder(function.uri("/api/sample/things"))
        .header("Content-Type", "application/json")
        .POST(BodyPublishers.ofString("{\"name\":\"a\",\"tags\":[\"x\"]}")));
    assertEquals(201, response.statusCode());
    assertEquals("x", Json.MAPPER.readTree(response.body()).get("tags").get(0).asText());
  }

  @Test
  void invalidJsonIsAnInputError() throws Exception {
    var response = function.send(java.net.http.HttpRequest.newBuilder(function.uri("/api/sample/things"))
        .POST(BodyPublishers.ofString("{nope")));
    assertError(response, 400, "InputError", "POST", "/things");
  }

  /** Found by QueryFuzzTest: four zero bytes make Jackson read UTF-32, whose decoder throws no JsonProcessingException. */
  @Test
  void aBodyInAnUndecodableEncodingIsAnInputError() throws Exception {
    byte[] body = new byte[24];
    java.util.Arrays.fill(body, 11, 23, (byte) 0x90);
    body[23] = 'z';
    var response = function.send(java.net.http.HttpRequest.newBuilder(function.uri("/api/sample/things"))
        .POST(BodyPublishers.ofByteArray(body)));
    assertError(response, 400, "InputError", "POST", "/things");
  }

  @Test
  void bodiesOverTheRouteLimitAre413() throws Exception {
    var declared = function.send(java.net.http.HttpRequest.newBuilder(function.uri("/api/sample/small"))
        .POST(BodyPublishers.ofString("x".repeat(17))));
    assertError(declared, 413, "PayloadTooLargeError", "POST", "/small");

    // Chunked: no Content-Length, so the limit is enforced while reading.
    var chunked = function.send(java.net.http.HttpRequest.newBuilder(function.uri("/api/sample/small"))
        .POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[64]))));
    assertEquals(413, chunked.statusCode());

    var fits = function.send(java.net.http.HttpRequest.newBuilder(function.uri("/api/sample/small"))
        .POST(BodyPublishers.ofString("x".repeat(16))));
    assertEquals(16, Json.MAPPER.readTree(fits.body()).get("size").asInt());
  }

  @Test
  void aTrailingStarMatchesTheRestOfThePathUndecoded() throws Exception {
    assertEquals("a/b%20c", Json.MAPPER.readTree(function.get("/api/sample/files/a/b%20c").body()).get("rest").asText());
    assertEquals("", Json.MAPPER.readTree(function.get("/api/sample/files").body()).get("rest").asText());
    assertEquals("x/y", Json.MAPPER.readTree(function.get("/files/x/y").body()).get("rest").asText());
  }

  @Test
  void literalsAndParametersWinOverATrailingStar() throws Exception {
    assertTrue(Json.MAPPER.readTree(function.get("/api/sample/files/special").body()).get("special").asBoolean());
    assertEquals(0, new PathTemplate("/files/:name").compareTo(new PathTemplate("/files/:other")));
    assertTrue(new PathTemplate("/files/:name").compareTo(new PathTemplate("/files/*")) < 0);
    assertTrue(new PathTemplate("/healthcheck").compareTo(new PathTemplate("/*")) < 0);
    assertThrows(IllegalArgumentException.class, () -> new PathTemplate("/files/*/more"), "'*' only as the last segment");
  }

  @Test
  void aStreamedBodyOverTheRouteLimitIs413() throws Exception {
    var chunked = function.send(java.net.http.HttpRequest.newBuilder(function.uri("/api/sample/streamed/x"))
        .POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[64]))));
    assertError(chunked, 413, "PayloadTooLargeError", "POST", "/streamed/x");
    var fits = function.send(java.net.http.HttpRequest.newBuilder(function.uri("/api/sample/streamed/x"))
        .POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[16]))));
    assertEquals(16, Json.MAPPER.readTree(fits.body()).get("size").asInt());
  }

  @Test
  void unknownRouteIs404InBackstageShape() throws Exception {
    assertError(function.get("/api/sample/nope?x=1"), 404, "NotFoundError", "GET", "/nope?x=1");
  }

  @Test
  void wrongMethodIs405WithAllow() throws Exception {
    var response = function.send(java.net.http.HttpRequest.newBuilder(function.uri("/api/sample/things"))
        .PUT(BodyPublishers.noBody()));
    assertError(response, 405, "MethodNotAllowedError", "PUT", "/things");
    assertEquals("POST", response.headers().firstValue("Allow").orElseThrow());
  }

  @Test
  void nullResultIs204() throws Exception {
    var response = function.send(java.net.http.HttpRequest.newBuilder(function.uri("/api/sample/things/a/b")).DELETE());
    assertEquals(204, response.statusCode());
    assertEquals("", response.body());
  }

  @Test
  void handlerErrorsKeepTheirStatusAndMessage() throws Exception {
    var response = function.get("/api/sample/missing");
    assertError(response, 404, "NotFoundError", "GET", "/missing");
    assertTrue(response.body().contains("No entity named 'x' found"));
  }

  @Test
  void unhandledExceptionsAre500WithoutInternals() throws Exception {
    var response = function.get("/api/sample/fail");
    assertError(response, 500, "Error", "GET", "/fail");
    assertFalse(response.body().contains("hunter2"), response.body());
    assertFalse(response.body().contains("IllegalStateException"), response.body());
    assertFalse(response.body().contains("at dev.backlot"), response.body());
  }

  @Test
  void streamedBodiesAndHeadersArrive() throws Exception {
    var response = function.get("/api/sample/stream");
    assertEquals(200, response.statusCode());
    assertEquals("1000", response.headers().firstValue("X-Count").orElseThrow());
    assertEquals(5000, response.body().length());
  }

  @Test
  void duplicateRoutesAreRejectedAtRegistration() {
    Router router = new Router("/api/x").get("/a/:id", Access.PUBLIC, req -> null);
    assertThrows(IllegalArgumentException.class, () -> router.get("/a/:other", Access.PUBLIC, req -> null));
    assertThrows(IllegalArgumentException.class, () -> router.get("no-slash", Access.PUBLIC, req -> null));
  }

  @Test
  void aRouteWithoutAnAccessDeclarationCannotBeRegistered() {
    Router router = new Router("/api/x");
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> router.post("/b", null, req -> null));
    assertEquals("route POST /b declares no access", refused.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Access.services(), "a service declaration names someone");
    assertThrows(IllegalArgumentException.class, () -> Access.services("plugin:github"), "services are named by id");
  }

  @Test
  void theRouteTableListsEveryRouteWithItsAccess() {
    Router router = new Router("/api/x")
        .get("/things", Access.SIGNED_IN, req -> null)
        .post("/things", Access.admins().orServices("scheduler", "github"), 64 * 1024, req -> null)
        .post("/hook", Access.PUBLIC, req -> null);
    assertEquals("""
        | method | path | who may call | body limit |
        |---|---|---|---|
        | POST | `/api/x/hook` | public | 1 MiB |
        | GET | `/api/x/things` | signed-in |  |
        | POST | `/api/x/things` | admins; services: github, scheduler | 64 KiB |
        """, RouteDescription.markdownTable("/api/x", router.routes()));
  }

  private static void assertError(java.net.http.HttpResponse<String> response, int status, String name, String method, String url)
      throws Exception {
    assertEquals(status, response.statusCode(), response.body());
    JsonNode body = Json.MAPPER.readTree(response.body());
    assertEquals(name, body.at("/error/name").asText());
    assertFalse(body.at("/error/message").asText().isEmpty());
    assertEquals(method, body.at("/request/method").asText());
    assertEquals(url, body.at("/request/url").asText());
    assertEquals(status, body.at("/response/statusCode").asInt());
  }
}
