package dev.backlot.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.backlot.catalog.ingestion.github.GitHubApi;
import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import com.google.cloud.functions.invoker.runner.Invoker;
import com.sun.net.httpserver.HttpServer;
import dev.backlot.platform.Plugin;
import dev.backlot.catalog.ingestion.FileSizeLimit;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.db.Database;
import dev.backlot.platform.http.Json;
import dev.backlot.platform.manifest.PluginManifest;
import dev.backlot.testing.NodeProject;
import dev.backlot.testing.TestTokens;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Registering url locations, served by a loopback HTTP server that the allow list names, and
 * Backstage's own catalog-client driven against the catalog with the sample organisation.
 */
class LocationRoutesTest {
  static final Map<String, String> FILES = new ConcurrentHashMap<>();
  static HttpServer files;
  /** GitHub's REST API, as integrations.github names it for github.com with a token. */
  static WireMockServer github;
  static Invoker invoker;
  static int port;

  static final String STATIC_TOKEN = "importer-static-token";

  /** The catalog allowed to read 127.0.0.1:<files port> only. */
  public static final class CatalogReadingUrls implements HttpFunction {
    private final CatalogFunction catalog;

    public CatalogReadingUrls() throws Exception {
      PluginManifest manifest = new PluginManifest("catalog", CatalogFunction.class.getName(), "/api/catalog", true, false,
          List.of(), List.of(), "/entities?limit=1", List.of(), PluginManifest.Resources.DEFAULT);
      Config config = Config.of(TestTokens.withAuth(Map.of("backend", Map.of("reading", Map.of("allow",
          List.of(Map.of("host", "127.0.0.1:" + files.getAddress().getPort(), "paths", List.of("/acme/")),
              Map.of("host", "github.com", "paths", List.of("/acme/shared-docs/")))),
          "auth", Map.of("externalAccess", List.of(Map.of("type", "static", "options", Map.of("token", STATIC_TOKEN, "subject", "importer"))))),
          "integrations", Map.of("github", List.of(Map.of("host", "github.com", "apiBaseUrl", github.baseUrl(), "token", "ghp_org-wide"))),
          "backlot", CatalogFunctionTest.ADMIN_GROUPS,
          "catalog", Map.of("locations", List.of(Examples.location("../../examples/all.yaml"))))));
      Database database = Database.connect("jdbc:sqlite:" + Files.createTempDirectory("catalog").resolve("catalog.sqlite"));
      catalog = new CatalogFunction(Plugin.withDatabase(manifest, config, database, getClass().getClassLoader()));
    }

    @Override
    public void service(HttpRequest request, HttpResponse response) throws Exception {
      catalog.service(request, response);
    }
  }

  @BeforeAll
  static void start() throws Exception {
    github = new WireMockServer(options().dynamicPort());
    github.start();
    files = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    files.createContext("/", exchange -> {
      String body = FILES.get(exchange.getRequestURI().getPath());
      byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    files.start();
    FILES.put("/acme/payments/catalog-info.yaml", """
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata:
          name: payments
          annotations:
            backstage.io/techdocs-ref: dir:.
        spec:
          type: service
          lifecycle: production
          owner: team-a
          providesApis: [payments-api]
        ---
        apiVersion: backstage.io/v1alpha1
        kind: API
        metadata:
          name: payments-api
        spec:
          type: openapi
          lifecycle: production
          owner: team-a
          definition:
            $text: ./openapi.yaml
        """);
    FILES.put("/acme/payments/openapi.yaml", "openapi: 3.0.3\ninfo: {title: Payments, version: '1'}\npaths: {}\n");
    FILES.put("/acme/inventory/catalog-info.yaml", """
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata:
          name: inventory
        spec:
          type: service
          lifecycle: production
          owner: team-c
        """);
    FILES.put("/acme/billing/catalog-info.yaml", """
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata:
          name: billing
        spec:
          type: service
          lifecycle: production
          owner: team-b
        """);
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    invoker = new Invoker(port, CatalogReadingUrls.class.getName(), "http", CatalogReadingUrls.class.getClassLoader());
    invoker.startTestServer();
    assertEquals(200, send("POST", "/api/catalog/refresh", null).statusCode());
  }

  @AfterAll
  static void stop() throws Exception {
    invoker.stopServer();
    files.stop(0);
    github.stop();
  }

  private static java.net.http.HttpResponse<String> send(String method, String path, String json) throws Exception {
    return send(method, path, json, CatalogFunctionTest.ADMIN);
  }

  private static java.net.http.HttpResponse<String> send(String method, String path, String json, String authorization) throws Exception {
    return HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Authorization", authorization)
        .header("Content-Type", "application/json")
        .method(method, json == null ? java.net.http.HttpRequest.BodyPublishers.noBody() : java.net.http.HttpRequest.BodyPublishers.ofString(json))
        .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
  }

  private static String target(String path) {
    return "http://127.0.0.1:" + files.getAddress().getPort() + path;
  }

  @Test
  void backstagesCatalogClientWorksThroughEveryMethod() throws Exception {
    Optional<NodeProject> project = NodeProject.in(Path.of("src/test/node/backstage"));
    Assumptions.assumeTrue(project.isPresent(), NodeProject.unavailable() + ": @backstage/catalog-client was not run");
    NodeProject.Result result = project.get().install().node("catalog-client-compat.mjs", List.of(), Map.of(
        "CATALOG_URL", "http://127.0.0.1:" + port + "/api/catalog",
        // A static token, as scripts use Backstage's client: it registers locations as in Backstage.
        "TOKEN", STATIC_TOKEN,
        "FILES_URL", target("")));
    assertEquals(0, result.exitCode(), result.output());
    assertTrue(result.output().contains("14 of 14 catalog-client checks passed"), result.output());
  }

  @Test
  void analyzingARepositoryFindsItsCatalogFileOrSuggestsAComponent() throws Exception {
    java.net.http.HttpResponse<String> found = send("POST", "/api/catalog/analyze-location",
        "{\"location\":{\"type\":\"url\",\"target\":\"" + target("/acme/payments") + "\"}}");
    assertEquals(200, found.statusCode(), found.body());
    JsonNode existing = Json.MAPPER.readTree(found.body()).get("existingEntityFiles");
    assertEquals(List.of("Component", "API"), existing.findValuesAsText("kind"));
    assertEquals(target("/acme/payments/catalog-info.yaml"), existing.at("/0/location/target").asText());
    assertEquals(0, Json.MAPPER.readTree(found.body()).get("generateEntities").size());

    java.net.http.HttpResponse<String> none = send("POST", "/api/catalog/analyze-location",
        "{\"location\":{\"type\":\"url\",\"target\":\"" + target("/acme/shiny-new.git") + "\"}}");
    assertEquals(200, none.statusCode(), none.body());
    JsonNode generate = Json.MAPPER.readTree(none.body()).get("generateEntities");
    assertEquals("shiny-new", generate.at("/0/entity/metadata/name").asText());
    assertEquals("spec.owner", generate.at("/0/fields/0/field").asText());
    assertEquals("needsUserInput", generate.at("/0/fields/0/state").asText());
    assertEquals(0, Json.MAPPER.readTree(none.body()).get("existingEntityFiles").size());

    assertEquals(400, send("POST", "/api/catalog/analyze-location", "{}").statusCode());
  }

  @Test
  void previewingAndAnalyzingNeedTheRightToRegister() throws Exception {
    // Attack: a signed-in person who may not register uses the preview to read what the
    // integration's credentials can read.
    String body = "{\"type\":\"url\",\"target\":\"" + target("/acme/payments/catalog-info.yaml") + "\"}";
    java.net.http.HttpResponse<String> preview = send("POST", "/api/catalog/locations?dryRun=true", body, TestTokens.authorization());
    assertEquals(403, preview.statusCode(), preview.body());
    assertFalse(preview.body().contains("openapi"), "nothing read is shown");
    assertEquals(403, send("POST", "/api/catalog/analyze-location",
        "{\"location\":{\"type\":\"url\",\"target\":\"" + target("/acme/payments") + "\"}}", TestTokens.authorization()).statusCode());
  }

  @Test
  void aDryRunPreviewsWithoutStoringAndARegistrationIngests() throws Exception {
    String body = "{\"type\":\"url\",\"target\":\"" + target("/acme/payments/catalog-info.yaml") + "\"}";
    java.net.http.HttpResponse<String> preview = send("POST", "/api/catalog/locations?dryRun=true", body);
    assertEquals(403, send("POST", "/api/catalog/locations", body, TestTokens.authorization()).statusCode(), "admins register");
    assertEquals(201, preview.statusCode(), preview.body());
    JsonNode dry = Json.MAPPER.readTree(preview.body());
    assertEquals("url:" + target("/acme/payments/catalog-info.yaml"), dry.at("/location/id").asText());
    assertFalse(dry.get("exists").asBoolean());
    assertEquals(List.of("Location", "Component", "API"), dry.get("entities").findValuesAsText("kind"));
    assertTrue(dry.at("/entities/2/spec/definition").asText().startsWith("openapi: 3.0.3"), "the $text placeholder was read over HTTP");
    assertEquals(404, send("GET", "/api/catalog/entities/by-name/component/default/payments", null).statusCode(), "a dry run stores nothing");

    java.net.http.HttpResponse<String> created = send("POST", "/api/catalog/locations", body);
    assertEquals(201, created.statusCode(), created.body());
    String id = Json.MAPPER.readTree(created.body()).at("/location/id").asText();
    assertEquals(200, send("GET", "/api/catalog/entities/by-name/component/default/payments", null).statusCode());
    JsonNode listed = Json.MAPPER.readTree(send("GET", "/api/catalog/locations", null).body());
    assertEquals(id, listed.at("/0/data/id").asText());
    assertTrue(listed.at("/0/entityRef").asText().startsWith("location:default/generated-"));
    assertEquals(id, Json.MAPPER.readTree(send("GET", "/api/catalog/locations/by-entity/component/default/payments", null).body()).get("id").asText());

    java.net.http.HttpResponse<String> again = send("POST", "/api/catalog/locations", body);
    assertEquals(409, again.statusCode());
    assertEquals("Location url:" + target("/acme/payments/catalog-info.yaml") + " already exists",
        Json.MAPPER.readTree(again.body()).at("/error/message").asText());
    assertTrue(Json.MAPPER.readTree(send("POST", "/api/catalog/locations?dryRun=true", body).body()).get("exists").asBoolean());

    assertEquals(204, send("DELETE", "/api/catalog/locations/" + id, null).statusCode());
    assertEquals(404, send("DELETE", "/api/catalog/locations/" + id, null).statusCode());
    assertEquals("Found no location with ID " + id,
        Json.MAPPER.readTree(send("GET", "/api/catalog/locations/" + id, null).body()).at("/error/message").asText());
    assertEquals(404, send("GET", "/api/catalog/entities/by-name/component/default/payments", null).statusCode(),
        "deleting a location removes its entities");
  }

  /**
   * Backstage's AnnotateLocationEntityProcessor: what a url location emits links to its source. On a
   * host an SCM integration knows (GitHub) the file's edit page and folder too; elsewhere only the
   * file. The dry run's location is Backstage's {id, type, target}; the generated Location comes first.
   */
  @Test
  void entitiesReadFromUrlsLinkToTheirSourceAsBackstagesDo() throws Exception {
    String file = "https://github.com/acme/linked/blob/main/catalog-info.yaml";
    github.stubFor(get(urlEqualTo("/repos/acme/linked/contents/catalog-info.yaml?ref=main")).willReturn(GitHubApi.rawFile("""
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata: {name: linked}
        spec: {type: service, lifecycle: production, owner: team-a}
        ---
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata:
          name: linked-elsewhere
          annotations: {backstage.io/view-url: https://docs.acme.example/linked}
        spec: {type: service, lifecycle: production, owner: team-a}
        """, "\"l1\"")));
    String body = "{\"type\":\"url\",\"target\":\"" + file + "\"}";
    JsonNode dry = Json.MAPPER.readTree(send("POST", "/api/catalog/locations?dryRun=true", body).body());
    assertEquals(List.of("id", "target", "type"), iterable(dry.get("location").fieldNames()).stream().sorted().toList());
    assertEquals(List.of("Location", "Component", "Component"), dry.get("entities").findValuesAsText("kind"));
    for (int i = 0; i < 2; i++) {
      JsonNode annotations = dry.at("/entities/" + i + "/metadata/annotations");
      assertEquals(file, annotations.path("backstage.io/view-url").asText(), annotations.toString());
      assertEquals("https://github.com/acme/linked/edit/main/catalog-info.yaml", annotations.path("backstage.io/edit-url").asText());
      assertEquals("url:https://github.com/acme/linked/tree/main/", annotations.path("backstage.io/source-location").asText());
    }
    assertEquals("https://docs.acme.example/linked", dry.at("/entities/2/metadata/annotations/backstage.io~1view-url").asText(),
        "an entity's own link stays");

    String generic = target("/acme/inventory/catalog-info.yaml");
    JsonNode plain = Json.MAPPER.readTree(send("POST", "/api/catalog/locations?dryRun=true", "{\"type\":\"url\",\"target\":\"" + generic + "\"}").body());
    JsonNode annotations = plain.at("/entities/1/metadata/annotations");
    assertEquals(generic, annotations.path("backstage.io/view-url").asText(), annotations.toString());
    assertFalse(annotations.has("backstage.io/edit-url") || annotations.has("backstage.io/source-location"),
        "no integration knows the host, so nothing says how to edit it: " + annotations);

    java.net.http.HttpResponse<String> created = send("POST", "/api/catalog/locations", body);
    assertEquals(201, created.statusCode(), created.body());
    JsonNode stored = Json.MAPPER.readTree(send("GET", "/api/catalog/entities/by-name/component/default/linked", null).body());
    assertEquals("https://github.com/acme/linked/edit/main/catalog-info.yaml", stored.at("/metadata/annotations/backstage.io~1edit-url").asText());
    send("DELETE", "/api/catalog/locations/" + Json.MAPPER.readTree(created.body()).at("/location/id").asText(), null);
  }

  private static List<String> iterable(java.util.Iterator<String> names) {
    List<String> list = new java.util.ArrayList<>();
    names.forEachRemaining(list::add);
    return list;
  }

  @Test
  void onlyUrlLocationsOnAllowedHostsAndPathsAreRead() throws Exception {
    java.net.http.HttpResponse<String> file = send("POST", "/api/catalog/locations", "{\"type\":\"file\",\"target\":\"/etc/passwd\"}");
    assertEquals(400, file.statusCode());
    assertEquals("Registered locations must be of an allowed type [\"url\"]", Json.MAPPER.readTree(file.body()).at("/error/message").asText());

    FILES.put("/elsewhere/catalog-info.yaml", "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: {name: g}\nspec: {type: team, children: []}\n");
    java.net.http.HttpResponse<String> path = send("POST", "/api/catalog/locations?dryRun=true",
        "{\"type\":\"url\",\"target\":\"" + target("/elsewhere/catalog-info.yaml") + "\"}");
    assertEquals(400, path.statusCode());
    assertTrue(path.body().contains("backend.reading.allow"), path.body());
    java.net.http.HttpResponse<String> host = send("POST", "/api/catalog/locations?dryRun=true",
        "{\"type\":\"url\",\"target\":\"http://localhost:" + files.getAddress().getPort() + "/acme/x.yaml\"}");
    assertEquals(400, host.statusCode(), "localhost is not the allowed 127.0.0.1");
  }

  @Test
  void aRegisteredUrlCannotLeadTheCatalogToFilesOnItsOwnDisk() throws Exception {
    Path secret = Files.createTempFile("catalog-secret", ".yaml");
    Files.writeString(secret, "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: on-disk}\n"
        + "spec: {type: service, lifecycle: production, owner: team-a}\n");
    FILES.put("/acme/sneaky/catalog-info.yaml", "apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata: {name: sneaky}\n"
        + "spec: {type: file, target: " + secret + "}\n");
    String body = "{\"type\":\"url\",\"target\":\"" + target("/acme/sneaky/catalog-info.yaml") + "\"}";
    JsonNode dry = Json.MAPPER.readTree(send("POST", "/api/catalog/locations?dryRun=true", body).body());
    assertFalse(dry.toString().contains("on-disk"), dry.toString());
    java.net.http.HttpResponse<String> created = send("POST", "/api/catalog/locations", body);
    assertEquals(201, created.statusCode(), created.body());
    assertEquals(404, send("GET", "/api/catalog/entities/by-name/component/default/on-disk", null).statusCode());
    assertEquals(404, send("GET", "/api/catalog/entities/by-name/location/default/sneaky", null).statusCode(),
        "the Location itself is refused, so nothing it names is read later either");
    // The error names the field and the reason.
    var processor = new dev.backlot.catalog.ingestion.LocationProcessor(List.of(new dev.backlot.catalog.ingestion.UrlLocationReader(
        dev.backlot.catalog.ingestion.ReadingAllowList.of(Config.of(Map.of("backend", Map.of("reading", Map.of("allow",
            List.of(Map.of("host", "127.0.0.1:" + files.getAddress().getPort()))))))), FileSizeLimit.fromConfig(Config.empty())),
        new dev.backlot.catalog.ingestion.FileLocationReader(Path.of("/"), List.of(Path.of("/")), FileSizeLimit.fromConfig(Config.empty()))),
        dev.backlot.catalog.ingestion.rules.CatalogRules.defaults());
    List<String> messages = processor.process(new dev.backlot.catalog.ingestion.LocationSpec("url", target("/acme/sneaky/catalog-info.yaml"))).messages();
    assertTrue(messages.stream().anyMatch(m -> m.contains("Location 'sneaky': spec.type: a Location read from a url location cannot point at files")),
        messages.toString());
    send("DELETE", "/api/catalog/locations/" + Json.MAPPER.readTree(created.body()).at("/location/id").asText(), null);
  }

  @Test
  void dotSegmentsCannotLeaveAnAllowedPath() throws Exception {
    FILES.put("/elsewhere/catalog-info.yaml", "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: {name: g}\nspec: {type: team, children: []}\n");
    for (String path : List.of("/acme/../elsewhere/catalog-info.yaml", "/acme/%2e%2e/elsewhere/catalog-info.yaml", "/acme/%2E%2E/elsewhere/catalog-info.yaml")) {
      java.net.http.HttpResponse<String> response = send("POST", "/api/catalog/locations?dryRun=true",
          "{\"type\":\"url\",\"target\":\"" + target(path) + "\"}");
      assertEquals(400, response.statusCode(), path + ": " + response.body());
      assertTrue(response.body().contains("backend.reading.allow"), response.body());
    }
  }

  /** What a refused User says, as Backstage says it. */
  private static String refusal(String file) {
    return MalloryFile.refusal("url:" + target(file));
  }

  @Test
  void aRegisteredCatalogFileCannotMakeItsAuthorAnAdmin() throws Exception {
    // Registered by an admin who trusts the repository, or by GitHub discovery (its service identity).
    for (String registrar : List.of(CatalogFunctionTest.ADMIN, CatalogFunctionTest.SERVICE)) {
      FILES.put("/acme/mallory/catalog-info.yaml", MalloryFile.YAML);
      java.net.http.HttpResponse<String> created = send("POST", "/api/catalog/locations",
          "{\"type\":\"url\",\"target\":\"" + target("/acme/mallory/catalog-info.yaml") + "\"}", registrar);
      assertEquals(201, created.statusCode(), created.body());
      assertEquals(404, send("GET", "/api/catalog/entities/by-name/user/default/0-mallory", null).statusCode(), "no User from a registered file");
      assertFalse(send("GET", "/api/catalog/entities/by-name/group/default/platform-team", null).body().contains("0-mallory"),
          "nobody joined the admin group");
      assertEquals(200, send("GET", "/api/catalog/entities/by-name/component/default/mallory-service", null).statusCode(),
          "the kinds the rules allow are stored");
      JsonNode location = Json.MAPPER.readTree(send("GET", "/api/catalog/entities/by-name/location/default/"
          + generatedName("/acme/mallory/catalog-info.yaml"), null).body());
      assertEquals(refusal("/acme/mallory/catalog-info.yaml"), location.at("/status/items/0/message").asText(), location.toString());
      assertEquals(204, send("DELETE", "/api/catalog/locations/" + Json.MAPPER.readTree(created.body()).at("/location/id").asText(), null).statusCode());
    }
  }

  @Test
  void aDryRunAndAnAnalysisReportTheRefusalAsARegistrationWould() throws Exception {
    FILES.put("/acme/mallory-preview/catalog-info.yaml", MalloryFile.YAML);
    java.net.http.HttpResponse<String> preview = send("POST", "/api/catalog/locations?dryRun=true",
        "{\"type\":\"url\",\"target\":\"" + target("/acme/mallory-preview/catalog-info.yaml") + "\"}");
    assertEquals(400, preview.statusCode(), preview.body());
    assertEquals("InputError", Json.MAPPER.readTree(preview.body()).at("/error/name").asText());
    assertEquals("NotAllowedError: " + refusal("/acme/mallory-preview/catalog-info.yaml"),
        Json.MAPPER.readTree(preview.body()).at("/error/message").asText());

    java.net.http.HttpResponse<String> analysis = send("POST", "/api/catalog/analyze-location",
        "{\"location\":{\"type\":\"url\",\"target\":\"" + target("/acme/mallory-preview") + "\"}}");
    assertEquals(400, analysis.statusCode(), analysis.body());
    assertTrue(Json.MAPPER.readTree(analysis.body()).at("/error/message").asText()
        .endsWith("NotAllowedError: " + refusal("/acme/mallory-preview/catalog-info.yaml")), analysis.body());
  }

  /** The name of the Location entity generated for a registered url location. */
  private static String generatedName(String file) {
    String ref = dev.backlot.catalog.ingestion.LocationProcessor.generatedRef(new dev.backlot.catalog.ingestion.LocationSpec("url", target(file)));
    return ref.substring(ref.indexOf('/') + 1);
  }

  /** Found by CursorFuzzTest: a cursor or body paging before the first location, or past the last int, was a 500. */
  @Test
  void pagingLocationsOutOfRangeIsABadRequestNotAServerError() throws Exception {
    for (String body : List.of("{\"cursor\":\"" + cursor("{\"offset\":-1}") + "\"}", "{\"limit\":-1}")) {
      var response = send("POST", "/api/catalog/locations/by-query", body);
      assertEquals(400, response.statusCode(), body + ": " + response.body());
    }
    var far = send("POST", "/api/catalog/locations/by-query", "{\"cursor\":\"" + cursor("{\"offset\":2147483647}") + "\"}");
    assertEquals(200, far.statusCode(), far.body());
    assertEquals(0, Json.MAPPER.readTree(far.body()).get("items").size());
  }

  private static String cursor(String json) {
    return java.util.Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void byEntityForAConfigLocationIsNotFound() throws Exception {
    assertEquals(404, send("GET", "/api/catalog/locations/by-entity/component/default/nope", null).statusCode());
  }
  /**
   * The attack: anyone signed in publishes a catalog file in a repository of their own whose
   * placeholders name a private repository of the same organisation, absolutely or by climbing out
   * of their own with {@code ..}. The catalog reads them with the integration's organisation-wide
   * token and hands the content back: in a dry run, in an analysis, and once an admin registers the
   * harmless-looking repository, in the catalog for everyone.
   */
  @Test
  void placeholdersReadWithinTheirOwnRepositoryOnly() throws Exception {
    String catalogFile = "https://github.com/acme/tooling/blob/main/catalog-info.yaml";
    github.stubFor(get(urlEqualTo("/repos/acme/tooling/contents/catalog-info.yaml?ref=main")).willReturn(GitHubApi.rawFile("""
        apiVersion: backstage.io/v1alpha1
        kind: API
        metadata: {name: tooling-api}
        spec: {type: openapi, lifecycle: production, owner: team-a, definition: {$text: ./openapi.yaml}}
        ---
        apiVersion: backstage.io/v1alpha1
        kind: API
        metadata: {name: shared-api}
        spec: {type: openapi, lifecycle: production, owner: team-a, definition: {$text: 'https://github.com/acme/shared-docs/blob/main/openapi.yaml'}}
        ---
        apiVersion: backstage.io/v1alpha1
        kind: API
        metadata: {name: absolute-leak}
        spec: {type: openapi, lifecycle: production, owner: team-a, definition: {$text: 'https://github.com/acme/vault/blob/main/prod.env'}}
        ---
        apiVersion: backstage.io/v1alpha1
        kind: API
        metadata: {name: relative-leak}
        spec: {type: openapi, lifecycle: production, owner: team-a, definition: {$yaml: ../../../vault/blob/main/values.yaml}}
        """, "\"t1\"")));
    github.stubFor(get(urlEqualTo("/repos/acme/tooling/contents/openapi.yaml?ref=main")).willReturn(GitHubApi.rawFile("openapi: 3.0.3\n", "\"t2\"")));
    github.stubFor(get(urlEqualTo("/repos/acme/shared-docs/contents/openapi.yaml?ref=main")).willReturn(GitHubApi.rawFile("openapi: 3.1.0\n", "\"s1\"")));
    github.stubFor(get(urlPathMatching("/repos/acme/vault/.*")).willReturn(GitHubApi.rawFile("password: hunter2\n", "\"v1\"")));
    String body = "{\"type\":\"url\",\"target\":\"" + catalogFile + "\"}";

    java.net.http.HttpResponse<String> dryRun = send("POST", "/api/catalog/locations?dryRun=true", body);
    assertEquals(201, dryRun.statusCode(), dryRun.body());
    assertFalse(dryRun.body().contains("hunter2"), dryRun.body());
    JsonNode previewed = Json.MAPPER.readTree(dryRun.body()).get("entities");
    assertEquals(List.of("tooling-api", "shared-api"), previewed.findValuesAsText("name").subList(1, 3));
    assertEquals(3, previewed.size());
    assertEquals("openapi: 3.0.3\n", previewed.at("/1/spec/definition").asText(), "a relative placeholder in its own repository");
    assertEquals("openapi: 3.1.0\n", previewed.at("/2/spec/definition").asText(), "another repository, named by backend.reading.allow");

    java.net.http.HttpResponse<String> analysis = send("POST", "/api/catalog/analyze-location",
        "{\"location\":{\"type\":\"url\",\"target\":\"" + catalogFile + "\"}}");
    assertEquals(200, analysis.statusCode(), analysis.body());
    assertFalse(analysis.body().contains("hunter2"), analysis.body());
    for (String filename : List.of("https://github.com/acme/vault/blob/main/values.yaml", "../vault/blob/main/values.yaml", "/etc/passwd")) {
      java.net.http.HttpResponse<String> elsewhere = send("POST", "/api/catalog/analyze-location",
          "{\"location\":{\"type\":\"url\",\"target\":\"https://github.com/acme/tooling\"},\"catalogFilename\":\"" + filename + "\"}");
      assertEquals(400, elsewhere.statusCode(), filename + ": " + elsewhere.body());
    }

    java.net.http.HttpResponse<String> created = send("POST", "/api/catalog/locations", body);
    assertEquals(201, created.statusCode(), created.body());
    try {
      assertEquals(200, send("GET", "/api/catalog/entities/by-name/api/default/tooling-api", null).statusCode());
      for (String leak : List.of("absolute-leak", "relative-leak")) {
        assertEquals(404, send("GET", "/api/catalog/entities/by-name/api/default/" + leak, null).statusCode(), leak);
      }
      github.verify(0, getRequestedFor(urlPathMatching("/repos/acme/vault/.*")));
    } finally {
      send("DELETE", "/api/catalog/locations/" + Json.MAPPER.readTree(created.body()).at("/location/id").asText(), null);
    }
  }

  /**
   * The attack: probing names of private repositories with dry runs and analyses. GitHub answers 404
   * for a repository that does not exist and, for one the catalog's token may not read, 404 or 403;
   * the catalog's answer must not tell them apart (the log keeps the detail).
   */
  @Test
  void anUnreadableRepositoryIsAnsweredAlikeWhetherItIsMissingOrForbidden() throws Exception {
    github.stubFor(get(urlEqualTo("/repos/acme/ghost/contents/catalog-info.yaml?ref=main")).willReturn(GitHubApi.notFound()));
    github.stubFor(get(urlEqualTo("/repos/acme/hidden/contents/catalog-info.yaml?ref=main")).willReturn(GitHubApi.forbidden()));
    github.stubFor(get(urlEqualTo("/repos/acme/ghost")).willReturn(GitHubApi.notFound()));
    github.stubFor(get(urlEqualTo("/repos/acme/hidden")).willReturn(GitHubApi.forbidden()));
    List<String> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.logging.Handler recorder = new java.util.logging.Handler() {
      @Override
      public void publish(java.util.logging.LogRecord record) {
        logged.add(record.getMessage());
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    java.util.logging.Logger routes = java.util.logging.Logger.getLogger(dev.backlot.catalog.routes.LocationRoutes.class.getName());
    java.util.logging.Level level = routes.getLevel();
    routes.setLevel(java.util.logging.Level.INFO);
    routes.addHandler(recorder);
    List<String> answers = new java.util.ArrayList<>();
    try {
      askAboutBoth(answers);
    } finally {
      routes.removeHandler(recorder);
      routes.setLevel(level);
    }
    assertEquals(answers.subList(0, 2), answers.subList(2, 4));
    assertEquals("{\"name\":\"InputError\",\"message\":\"Location url:https://github.com/acme/<name>/blob/main/catalog-info.yaml could not be read\"}",
        answers.get(0));
    assertTrue(logged.stream().anyMatch(m -> m.contains("acme/ghost") && m.contains("not found on GitHub")), "the log tells the operator why: " + logged);
    assertTrue(logged.stream().anyMatch(m -> m.contains("acme/hidden") && m.contains("HTTP 403")), "the log tells the operator why: " + logged);
  }

  private static void askAboutBoth(List<String> answers) throws Exception {
    for (String repository : List.of("ghost", "hidden")) {
      String file = "https://github.com/acme/" + repository + "/blob/main/catalog-info.yaml";
      java.net.http.HttpResponse<String> dryRun = send("POST", "/api/catalog/locations?dryRun=true",
          "{\"type\":\"url\",\"target\":\"" + file + "\"}");
      assertEquals(400, dryRun.statusCode(), dryRun.body());
      answers.add(Json.MAPPER.readTree(dryRun.body()).get("error").toString().replace(repository, "<name>"));
      java.net.http.HttpResponse<String> analysis = send("POST", "/api/catalog/analyze-location",
          "{\"location\":{\"type\":\"url\",\"target\":\"https://github.com/acme/" + repository + "\"}}");
      assertEquals(400, analysis.statusCode(), analysis.body());
      answers.add(Json.MAPPER.readTree(analysis.body()).get("error").toString().replace(repository, "<name>"));
    }
  }

  @Test
  void aLocationsCursorOrLimitOutOfRangeIsAnInputError() throws Exception {
    for (String body : List.of("{\"limit\":-1}", "{\"limit\":0}", "{\"limit\":10001}", "{\"limit\":\"ten\"}",
        "{\"cursor\":\"" + java.util.Base64.getEncoder().encodeToString("{\"offset\":-5}".getBytes(StandardCharsets.UTF_8)) + "\"}",
        "{\"cursor\":\"" + java.util.Base64.getEncoder().encodeToString("{\"offset\":\"x\"}".getBytes(StandardCharsets.UTF_8)) + "\"}")) {
      java.net.http.HttpResponse<String> response = send("POST", "/api/catalog/locations/by-query", body);
      assertEquals(400, response.statusCode(), body + ": " + response.body());
      assertEquals("InputError", Json.MAPPER.readTree(response.body()).at("/error/name").asText(), body);
    }
    String farAway = java.util.Base64.getEncoder().encodeToString(("{\"offset\":" + Integer.MAX_VALUE + "}").getBytes(StandardCharsets.UTF_8));
    java.net.http.HttpResponse<String> past = send("POST", "/api/catalog/locations/by-query", "{\"limit\":5,\"cursor\":\"" + farAway + "\"}");
    assertEquals(200, past.statusCode(), past.body());
    assertEquals(0, Json.MAPPER.readTree(past.body()).get("items").size());
  }

  @Test
  void anAnalysisRequestIsSmallAndItsUrlIsParsedInLinearTime() throws Exception {
    // The largest target that fits the body limit, shaped for the backtracking patterns this
    // route used to run: a run of slashes before the end, a run of dashes inside the name.
    String target = target("/acme/" + "/".repeat(20_000) + "repo/a" + "-".repeat(20_000) + "a");
    java.net.http.HttpResponse<String> analysis = send("POST", "/api/catalog/analyze-location",
        "{\"location\":{\"type\":\"url\",\"target\":\"" + target + "\"}}");
    assertEquals(200, analysis.statusCode(), analysis.body());
    // Cut to 63 characters, the name would end in a dash: the suggestion must still be a valid name.
    assertEquals("a", Json.MAPPER.readTree(analysis.body()).at("/generateEntities/0/entity/metadata/name").asText());

    String tooLarge = "{\"location\":{\"type\":\"url\",\"target\":\"" + target("/acme/" + "x".repeat(70 * 1024)) + "\"}}";
    java.net.http.HttpResponse<String> refused = send("POST", "/api/catalog/analyze-location", tooLarge);
    assertEquals(413, refused.statusCode(), refused.body());
    assertEquals("PayloadTooLargeError", Json.MAPPER.readTree(refused.body()).at("/error/name").asText());
  }
}
