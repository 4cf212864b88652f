package dev.backlot.apidocs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import com.google.cloud.functions.invoker.runner.Invoker;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.backlot.apidocs.storage.ContentHash;
import dev.backlot.platform.Plugin;
import dev.backlot.platform.auth.ServiceTokens;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.db.Database;
import dev.backlot.platform.http.Json;
import dev.backlot.platform.manifest.PluginManifest;
import dev.backlot.testing.TestTokens;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The plugin's routes through the real invoker, with a loopback stand-in for the catalog. */
class ApiDocsFunctionTest {
  static final String CI_TOKEN = "ci-static-token-0123";
  static final String CI = "Bearer " + CI_TOKEN;
  static final String SERVICE = ServiceTokens.fromConfig(Config.of(TestTokens.withAuth(Map.of())), "scheduler").authorizationFor("api-docs");
  static final String USER = TestTokens.authorization();
  static final int MAX_BYTES = 8 * 1024 * 1024;

  private static HttpServer catalog;
  private static final AtomicReference<String> CATALOG_AUTHORIZATION = new AtomicReference<>();
  private static final AtomicReference<Boolean> CATALOG_UP = new AtomicReference<>(true);
  private static final AtomicReference<JsonNode> CATALOG_FIRST_QUERY = new AtomicReference<>();

  /** The plugin on a fresh SQLite file and blob folder, reading API entities from {@link #catalog}. */
  public static final class ApiDocsUnderTest implements HttpFunction {
    private final ApiDocsFunction function;

    public ApiDocsUnderTest() throws Exception {
      Path dir = Files.createTempDirectory("api-docs");
      PluginManifest manifest = new PluginManifest("api-docs", ApiDocsFunction.class.getName(), "/api/api-docs", true, true,
          List.of(), List.of(), "/apis?limit=1", List.of(), PluginManifest.Resources.DEFAULT);
      Config config = Config.of(TestTokens.withAuth(Map.of(
          "backend", Map.of("baseUrl", "http://127.0.0.1:" + catalog.getAddress().getPort(),
              "auth", Map.of("externalAccess", List.of(Map.of("type", "static", "options", Map.of("token", CI_TOKEN, "subject", "ci-bot"))))),
          "blobStore", Map.of("folder", Map.of("path", dir.resolve("blobs").toString())),
          "apiDocs", Map.of("maxDefinitionBytes", MAX_BYTES))));
      Database database = Database.connect("jdbc:sqlite:" + dir.resolve("api-docs.sqlite"));
      function = new ApiDocsFunction(Plugin.withDatabase(manifest, config, database, getClass().getClassLoader()));
    }

    @Override
    public void service(HttpRequest request, HttpResponse response) throws Exception {
      function.service(request, response);
    }
  }

  private static Invoker invoker;
  private static int port;
  private static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    catalog = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    // Backstage's POST /entities/by-query: two pages, the second behind the first's cursor.
    catalog.createContext("/api/catalog/entities/by-query", exchange -> {
      CATALOG_AUTHORIZATION.set(exchange.getRequestHeaders().getFirst("Authorization"));
      JsonNode query = Json.MAPPER.readTree(exchange.getRequestBody());
      boolean second = query.path("cursor").asText().equals("page2");
      if (!second) {
        CATALOG_FIRST_QUERY.set(query);
      }
      List<Map<String, Object>> items = second ? List.of(entity("bookshop", "graphql", Specs.text("bookshop.graphql")),
          entity("broken", "openapi", "openapi: [unclosed"), entity("empty", "openapi", null),
          entity("laughs", "openapi", new String(Specs.aliasAmplification(), StandardCharsets.UTF_8)))
          : List.of(entity("payments-api", "openapi", Files.readString(Path.of("../../examples/apis/payments-api.yaml"))),
              entity("streetlights", "asyncapi", Specs.text("streetlights-asyncapi.yaml")));
      byte[] body = Json.bytes(Map.of("items", items, "totalItems", 6, "pageInfo", second ? Map.of() : Map.of("nextCursor", "page2")));
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(CATALOG_UP.get() ? 200 : 500, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    catalog.start();
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    invoker = new Invoker(port, ApiDocsUnderTest.class.getName(), "http", ApiDocsUnderTest.class.getClassLoader());
    invoker.startTestServer();
  }

  private static Map<String, Object> entity(String name, String type, String definition) {
    Map<String, Object> spec = definition == null ? Map.of("type", type) : Map.of("type", type, "definition", definition);
    return Map.of("kind", "API", "metadata", Map.of("namespace", "default", "name", name), "spec", spec);
  }

  @AfterAll
  static void stop() throws Exception {
    invoker.stopServer();
    catalog.stop(0);
  }

  private static java.net.http.HttpResponse<String> send(String method, String path, String authorization, byte[] body) throws Exception {
    return http.send(java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/api-docs" + path))
        .header("Authorization", authorization)
        .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofByteArray(body)).build(), BodyHandlers.ofString());
  }

  private static JsonNode json(java.net.http.HttpResponse<String> response, int status) throws Exception {
    assertEquals(status, response.statusCode(), response.body());
    return Json.MAPPER.readTree(response.body());
  }

  private static JsonNode get(String path, int status) throws Exception {
    return json(send("GET", path, USER, null), status);
  }

  private static JsonNode put(String api, String spec, int status) throws Exception {
    return json(send("PUT", "/apis/default/" + api + "/definition", CI, Specs.bytes(spec)), status);
  }

  @Test
  void uploadsNeedAServiceOrExternalAccessToken() throws Exception {
    JsonNode denied = json(send("PUT", "/apis/default/denied/definition", USER, Specs.bytes("petstore-3.0.yaml")), 403);
    assertEquals("NotAllowedError", denied.at("/error/name").asText());
    json(send("PUT", "/apis/default/by-service/definition", SERVICE, Specs.bytes("petstore-3.0.yaml")), 201);
    assertEquals(401, send("GET", "/apis", "Bearer nope", null).statusCode());
  }

  @Test
  void theSameDefinitionUploadedTwiceIsOneVersion() throws Exception {
    JsonNode first = put("petstore", "petstore-3.0.yaml", 201);
    assertTrue(first.path("created").asBoolean());
    assertEquals(ContentHash.of(Specs.bytes("petstore-3.0.yaml")), first.at("/version/version").asText());
    assertEquals("upload:external:ci-bot", first.at("/version/source").asText());
    JsonNode again = put("petstore", "petstore-3.0.yaml", 200);
    assertFalse(again.path("created").asBoolean());
    put("petstore", "petstore-optional-field.yaml", 201);

    JsonNode versions = get("/apis/default/petstore/versions", 200).get("items");
    assertEquals(2, versions.size());
    assertEquals("1.1.0", versions.get(0).path("apiVersion").asText(), "newest first");
    JsonNode listed = null;
    for (JsonNode api : get("/apis?limit=500", 200).get("items")) {
      if (api.path("entityRef").asText().equals("api:default/petstore")) {
        listed = api;
      }
    }
    assertEquals(2, listed.path("versionCount").asInt());
    assertEquals("1.1.0", listed.at("/latest/apiVersion").asText());
    assertEquals("openapi", listed.at("/latest/format").asText());
    assertEquals("3.0.3", listed.at("/latest/specVersion").asText());
  }

  @Test
  void everyPublishIsAnAuditEventWithWhoWhatAndHowItEnded() throws Exception {
    List<java.util.logging.LogRecord> audit = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.logging.Handler recorder = new java.util.logging.Handler() {
      @Override
      public void publish(java.util.logging.LogRecord record) {
        audit.add(record);
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    java.util.logging.Logger.getLogger("backlot.audit").addHandler(recorder);
    try {
      put("audited", "petstore-3.0.yaml", 201);
      byte[] invalid = "openapi: 3.1.0\ninfo:\n  title: T\npaths: {}\n".getBytes(StandardCharsets.UTF_8);
      json(send("PUT", "/apis/default/audited/definition?strict=true", CI, invalid), 400);
    } finally {
      java.util.logging.Logger.getLogger("backlot.audit").removeHandler(recorder);
    }
    List<String> events = audit.stream().map(record -> record.getParameters()[0].toString())
        .filter(event -> event.contains("api-docs.definition-publish")).toList();
    assertEquals(2, events.size(), events.toString());
    assertTrue(events.get(0).contains("outcome=succeeded") && events.get(0).contains("external:ci-bot") && events.get(0).contains("default/audited"),
        events.get(0));
    assertTrue(events.get(1).contains("outcome=failed"), events.get(1));
    assertTrue(events.stream().noneMatch(event -> event.contains(CI.substring(7))), "no token in the trail");
  }

  @Test
  void aVersionIsServedRawAsJsonAndAsYaml() throws Exception {
    String version = put("served", "petstore-2.0.json", 201).at("/version/version").asText();
    java.net.http.HttpResponse<String> raw = send("GET", "/apis/default/served/versions/" + version + "/definition", USER, null);
    assertEquals(200, raw.statusCode());
    assertEquals(Specs.text("petstore-2.0.json"), raw.body());
    assertEquals("\"" + version + "\"", raw.headers().firstValue("etag").orElseThrow());
    JsonNode asJson = json(send("GET", "/apis/default/served/versions/latest/definition?as=json", USER, null), 200);
    assertEquals("2.0", asJson.path("swagger").asText());
    java.net.http.HttpResponse<String> yaml = send("GET", "/apis/default/served/versions/latest/definition?as=yaml", USER, null);
    assertTrue(yaml.headers().firstValue("content-type").orElseThrow().startsWith("application/yaml"));
    assertEquals(asJson, new ObjectMapper(new YAMLFactory()).readTree(yaml.body()));
    assertEquals(version, get("/apis/default/served/versions/latest", 200).path("version").asText());
    get("/apis/default/served/versions/" + "0".repeat(64), 404);
    get("/apis/default/nothing/versions/latest/definition", 404);
    get("/apis/default/served/versions/latest/definition?as=xml", 400);
  }

  @Test
  void invalidDefinitionsAreStoredWithTheirValidationReport() throws Exception {
    byte[] invalid = "openapi: 3.0.3\ninfo:\n  title: T\npaths: {}\n".getBytes(StandardCharsets.UTF_8);
    JsonNode stored = json(send("PUT", "/apis/default/invalid/definition", CI, invalid), 201);
    assertFalse(stored.at("/validation/valid").asBoolean());
    assertEquals("info.version", stored.at("/validation/errors/0/location").asText());
    assertEquals(1, stored.at("/version/errorCount").asInt());

    JsonNode version = get("/apis/default/invalid/versions/latest", 200);
    assertFalse(version.path("valid").asBoolean());
    assertEquals(stored.path("validation"), version.path("validation"), "the report is kept with the version");
    assertEquals("required property 'version' not found", version.at("/validation/errors/0/message").asText());
    assertEquals(1, get("/apis/default/invalid/versions", 200).get("items").size());
  }

  @Test
  void strictUploadsRefuseDefinitionsWithErrorsAndStoreNothing() throws Exception {
    byte[] invalid = "openapi: 3.1.0\ninfo:\n  title: T\npaths: {}\n".getBytes(StandardCharsets.UTF_8);
    JsonNode refused = json(send("PUT", "/apis/default/strict/definition?strict=true", CI, invalid), 400);
    assertEquals("InputError", refused.at("/error/name").asText());
    assertEquals("info.version", refused.at("/validation/errors/0/location").asText());
    get("/apis/default/strict/versions", 404);
    // Warnings do not make a definition invalid, strict or not.
    JsonNode warned = json(send("PUT", "/apis/default/strict/definition?strict=true", CI,
        Specs.bytes("real-world/reserved-x-oai-extensions-3.1.yaml")), 201);
    assertTrue(warned.at("/validation/valid").asBoolean(), warned.toString());
    assertEquals(400, send("PUT", "/apis/default/strict/definition?strict=yes", CI, invalid).statusCode());
  }

  @Test
  void unreadableUploadsAreRefusedWithWhereTheyBreak() throws Exception {
    JsonNode unreadable = json(send("PUT", "/apis/default/unreadable/definition", CI, "a: [b".getBytes(StandardCharsets.UTF_8)), 400);
    assertTrue(unreadable.at("/validation/errors/0/location").asText().startsWith("line "), unreadable.toString());
    JsonNode sdl = json(send("PUT", "/apis/default/unreadable/definition?format=graphql", CI,
        "type Query {\n  a: String\n".getBytes(StandardCharsets.UTF_8)), 400);
    assertEquals("line 3, column 1", sdl.at("/validation/errors/0/location").asText(), sdl.toString());
    get("/apis/default/unreadable/versions", 404);
  }

  /** The definitions refused before issue 23 (one like each real-world case it lists): stored, with the warning each deserves. */
  @ParameterizedTest
  @CsvSource({
      "reserved-x-oai-extensions-3.1.yaml, x-oai-meta is reserved by The OpenAPI Initiative",
      "ref-to-parameter-schema-3.0.yaml, ''",
      "operation-without-responses-3.1.yaml, ''",
      "openapi-3.2.yaml, openapi 3.2.0 is newer than the versions Backlot validates"})
  void definitionsRefusedBeforeAreStoredWithTheRightWarning(String spec, String warning) throws Exception {
    String api = spec.replaceAll("[^a-z0-9]+", "-").replaceAll("-yaml$", "");
    JsonNode stored = put(api, "real-world/" + spec, 201);
    assertTrue(stored.at("/validation/valid").asBoolean(), stored.toString());
    assertEquals(0, stored.at("/validation/errorCount").asInt(), stored.toString());
    List<String> warnings = stored.at("/validation/warnings").findValuesAsText("message");
    if (warning.isEmpty()) {
      assertEquals(List.of(), warnings);
    } else {
      assertTrue(warnings.stream().anyMatch(w -> w.contains(warning)), warnings::toString);
    }
    assertEquals(stored.path("validation"), get("/apis/default/" + api + "/versions/latest", 200).path("validation"));
  }

  @Test
  void namesThatCouldEscapeTheBucketAreRefused() throws Exception {
    for (String name : List.of("%2e%2e", "..", "a%2fb", "a%00b", ".hidden")) {
      // Expect: 100-continue: the server may refuse such a path before reading the body and close the
      // connection, and a client still sending the body could then miss the answer.
      java.net.http.HttpResponse<String> response = http.send(java.net.http.HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + port + "/api/api-docs/apis/default/" + name + "/definition"))
          .header("Authorization", CI).expectContinue(true)
          .PUT(BodyPublishers.ofByteArray(Specs.bytes("petstore-3.0.yaml"))).build(), BodyHandlers.ofString());
      assertTrue(response.statusCode() == 400 || response.statusCode() == 404, name + " -> " + response.statusCode() + " " + response.body());
    }
    assertEquals(400, send("GET", "/apis/%2e%2e/etc/versions", USER, null).statusCode());
  }

  @Test
  void oversizedBodiesAre413() throws Exception {
    byte[] large = Specs.large(MAX_BYTES + 1024, 3);
    java.net.http.HttpResponse<String> response = send("PUT", "/apis/default/huge/definition", CI, large);
    assertEquals(413, response.statusCode());
    assertEquals("PayloadTooLargeError", Json.MAPPER.readTree(response.body()).at("/error/name").asText());
    assertEquals(413, send("POST", "/validate", USER, large).statusCode());
  }

  @Test
  void definitionsWhoseAliasesExpandPastTheLimitAre413OnEveryRoute() throws Exception {
    byte[] laughs = Specs.aliasAmplification();
    put("laughed-at", "petstore-3.0.yaml", 201);
    for (java.net.http.HttpResponse<String> response : List.of(send("PUT", "/apis/default/laughs/definition", CI, laughs),
        send("POST", "/validate", USER, laughs), send("POST", "/apis/default/laughed-at/check", CI, laughs))) {
      JsonNode error = json(response, 413);
      assertEquals("PayloadTooLargeError", error.at("/error/name").asText());
      assertTrue(error.at("/error/message").asText().contains("values once YAML aliases are followed"), error.toString());
    }
    get("/apis/default/laughs/versions", 404);
  }

  @Test
  void validateReportsWithoutStoring() throws Exception {
    JsonNode report = json(send("POST", "/validate", USER, Specs.bytes("petstore-3.1.yaml")), 200);
    assertTrue(report.path("valid").asBoolean(), report.toString());
    assertEquals("3.1.0", report.path("specVersion").asText());
    JsonNode graphql = json(send("POST", "/validate", USER, Specs.bytes("bookshop.graphql")), 200);
    assertEquals("graphql", graphql.path("format").asText());
    assertTrue(graphql.path("valid").asBoolean(), graphql.toString());
    JsonNode unreadable = json(send("POST", "/validate", USER, "{\"openapi\":".getBytes(StandardCharsets.UTF_8)), 200);
    assertFalse(unreadable.path("valid").asBoolean());
    assertEquals(0, get("/apis?limit=500", 200).get("items").findValuesAsText("entityRef").stream()
        .filter(ref -> ref.contains("validate")).count());
  }

  @Test
  void diffsClassifyBreakingAndCompatibleChanges() throws Exception {
    String v1 = put("diffed", "petstore-3.0.yaml", 201).at("/version/version").asText();
    String v2 = put("diffed", "petstore-removed-endpoint.yaml", 201).at("/version/version").asText();
    JsonNode diff = get("/apis/default/diffed/diff", 200);
    assertTrue(diff.path("breaking").asBoolean());
    assertEquals(v1, diff.path("from").asText());
    assertEquals(v2, diff.path("to").asText());
    assertEquals("endpoint-removed", diff.at("/changes/0/kind").asText());
    JsonNode back = get("/apis/default/diffed/diff?from=" + v2 + "&to=" + v1, 200);
    assertFalse(back.path("breaking").asBoolean());
    java.net.http.HttpResponse<String> text = send("GET", "/apis/default/diffed/diff?as=text", USER, null);
    assertTrue(text.body().startsWith("BREAKING: 1 breaking change(s)"), text.body());
    get("/apis/default/diffed/diff?from=" + "1".repeat(64), 404);
  }

  @Test
  void checkTellsCiWhetherAProposalBreaksTheLatestVersion() throws Exception {
    put("checked", "petstore-3.0.yaml", 201);
    JsonNode breaking = json(send("POST", "/apis/default/checked/check", CI, Specs.bytes("petstore-required-param.yaml")), 200);
    assertTrue(breaking.path("breaking").asBoolean());
    assertTrue(breaking.at("/changes/0/details").toString().contains("owner"), breaking.toString());
    JsonNode compatible = json(send("POST", "/apis/default/checked/check", USER, Specs.bytes("petstore-optional-field.yaml")), 200);
    assertFalse(compatible.path("breaking").asBoolean());
    assertEquals(1, get("/apis/default/checked/versions", 200).get("items").size(), "checking stores nothing");
    JsonNode first = json(send("POST", "/apis/default/never-stored/check", CI, Specs.bytes("petstore-3.0.yaml")), 200);
    assertFalse(first.path("breaking").asBoolean());
    assertTrue(first.at("/validation/valid").asBoolean(), first.toString());
  }

  @Test
  void checkReportsTheProposalsValidationAndRefusesItWhenStrict() throws Exception {
    put("check-proposal", "petstore-3.0.yaml", 201);
    byte[] withoutVersion = Specs.text("petstore-optional-field.yaml").replaceFirst("\n  version: [^\n]+", "").getBytes(StandardCharsets.UTF_8);
    JsonNode lenient = json(send("POST", "/apis/default/check-proposal/check", CI, withoutVersion), 200);
    assertFalse(lenient.path("breaking").asBoolean(), lenient.toString());
    assertFalse(lenient.at("/validation/valid").asBoolean(), lenient.toString());
    assertEquals("info.version", lenient.at("/validation/errors/0/location").asText());
    JsonNode strict = json(send("POST", "/apis/default/check-proposal/check?strict=true", CI, withoutVersion), 400);
    assertEquals("info.version", strict.at("/validation/errors/0/location").asText());
    java.net.http.HttpResponse<String> text = send("POST", "/apis/default/check-proposal/check?as=text", CI, withoutVersion);
    assertTrue(text.body().contains("Validation: 1 error(s), 0 warning(s)"), text.body());
    assertEquals(400, send("POST", "/apis/default/check-proposal/check", CI, "a: [b".getBytes(StandardCharsets.UTF_8)).statusCode());
  }

  @Test
  void syncImportsTheCatalogsApiEntitiesWithAServiceToken() throws Exception {
    assertEquals(403, send("POST", "/sync", USER, null).statusCode(), "guests are not admins");
    JsonNode result = json(send("POST", "/sync", SERVICE, null), 200);
    assertEquals(6, result.path("apis").asInt(), result.toString());
    assertEquals(3, result.path("stored").asInt(), result.toString());
    assertEquals(List.of("api:default/broken", "api:default/empty", "api:default/laughs"),
        result.get("failed").findValuesAsText("entityRef"));
    assertTrue(result.at("/failed/2/message").asText().contains("values once YAML aliases are followed"), result.toString());
    SignedJWT token = SignedJWT.parse(CATALOG_AUTHORIZATION.get().substring("Bearer ".length()));
    assertEquals(List.of("catalog"), token.getJWTClaimsSet().getAudience());
    assertEquals(Json.MAPPER.readTree("{\"$all\":[{\"kind\":\"api\"}]}"), CATALOG_FIRST_QUERY.get().path("query"));
    assertEquals("[\"kind\",\"metadata.namespace\",\"metadata.name\",\"spec.type\",\"spec.definition\"]",
        CATALOG_FIRST_QUERY.get().path("fields").toString());

    JsonNode payments = get("/apis/default/payments-api/versions/latest", 200);
    assertEquals("catalog", payments.path("source").asText());
    assertEquals("Payments API", payments.path("title").asText());
    assertEquals("asyncapi", get("/apis/default/streetlights/versions/latest", 200).path("format").asText());
    java.net.http.HttpResponse<String> sdl = send("GET", "/apis/default/bookshop/versions/latest/definition", USER, null);
    assertEquals(Specs.text("bookshop.graphql"), sdl.body());
    assertTrue(sdl.headers().firstValue("content-type").orElseThrow().startsWith("application/graphql"));

    assertEquals(0, json(send("POST", "/sync", SERVICE, null), 200).path("stored").asInt(), "idempotent");
    CATALOG_UP.set(false);
    try {
      assertEquals(503, send("POST", "/sync", SERVICE, null).statusCode());
    } finally {
      CATALOG_UP.set(true);
    }
    get("/apis/default/payments-api/versions/latest", 200);
  }
}
