package dev.backlot.catalog.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import com.google.cloud.functions.invoker.runner.Invoker;
import com.sun.net.httpserver.HttpServer;
import dev.backlot.catalog.CatalogFunction;
import dev.backlot.catalog.client.CatalogClient.Location;
import dev.backlot.catalog.client.EntityProviderMutation.ProvidedEntity;
import dev.backlot.platform.Plugin;
import dev.backlot.platform.auth.ServiceTokens;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.db.Database;
import dev.backlot.platform.discovery.Discovery;
import dev.backlot.platform.http.Json;
import dev.backlot.platform.manifest.PluginManifest;
import dev.backlot.testing.TestTokens;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The client against the real catalog function, served by the Functions Framework invoker on
 * loopback over a fresh SQLite file: entities arrive through the provider endpoint, locations are
 * catalog files on a loopback server the catalog may read.
 */
class CatalogClientTest {
  static final String PROVIDER = "client-test";
  static HttpServer files;
  static Invoker invoker;
  static String catalogUrl;
  static CatalogClient catalog;

  /** The catalog on a fresh SQLite file, allowed to read the loopback file server only. */
  public static final class CatalogUnderTest implements HttpFunction {
    private final CatalogFunction function;

    public CatalogUnderTest() throws Exception {
      PluginManifest manifest = new PluginManifest("catalog", CatalogFunction.class.getName(), "/api/catalog", true, false,
          List.of(), List.of(), "/entities?limit=1", List.of(), PluginManifest.Resources.DEFAULT);
      Config config = Config.of(TestTokens.withAuth(Map.of("backend", Map.of("reading", Map.of("allow",
          List.of(Map.of("host", "127.0.0.1:" + files.getAddress().getPort())))))));
      Database database = Database.connect("jdbc:sqlite:" + Files.createTempDirectory("catalog").resolve("catalog.sqlite"));
      URL catalogCode = CatalogFunction.class.getProtectionDomain().getCodeSource().getLocation();
      function = new CatalogFunction(Plugin.withDatabase(manifest, config, database, new URLClassLoader(new URL[] {catalogCode}, null)));
    }

    @Override
    public void service(HttpRequest request, HttpResponse response) throws Exception {
      function.service(request, response);
    }
  }

  @BeforeAll
  static void start() throws Exception {
    files = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    files.createContext("/acme/payments/catalog-info.yaml", exchange -> {
      byte[] body = """
          apiVersion: backstage.io/v1alpha1
          kind: Component
          metadata:
            name: payments
          spec:
            type: service
            lifecycle: production
            owner: group:default/payments-team
          """.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    files.start();
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    catalogUrl = "http://127.0.0.1:" + port;
    invoker = new Invoker(port, CatalogUnderTest.class.getName(), "http", CatalogUnderTest.class.getClassLoader());
    invoker.startTestServer();
    catalog = client(Map.of("backend", Map.of("baseUrl", catalogUrl)), TestTokens.serviceKey().toJSONString());
    catalog.applyProviderMutation(PROVIDER, EntityProviderMutation.full(List.of(
        provided(user("ada", "ada@acme.example", "payments-team")),
        provided(user("grace", "grace@acme.example", "payments-team")),
        provided(user("linus", "linus@acme.example", "platform-team")),
        provided(group("payments-team")),
        provided(group("platform-team")))));
  }

  @AfterAll
  static void stop() throws Exception {
    invoker.stopServer();
    files.stop(0);
  }

  /** A client as plugin {@code github} with {@code config}'s discovery, signing with {@code serviceKey}. */
  static CatalogClient client(Map<String, Object> config, String serviceKey) {
    Map<String, Object> withKey = new java.util.LinkedHashMap<>(config);
    @SuppressWarnings("unchecked")
    Map<String, Object> backend = new java.util.LinkedHashMap<>((Map<String, Object>) config.getOrDefault("backend", Map.of()));
    backend.put("auth", Map.of("serviceTokens", Map.of("local", Map.of("privateKey", serviceKey))));
    withKey.put("backend", backend);
    Config settings = Config.of(withKey);
    return CatalogClient.create(Discovery.fromConfig(settings), ServiceTokens.fromConfig(settings, "github"));
  }

  static ProvidedEntity provided(Map<String, Object> entity) {
    return new ProvidedEntity(Json.MAPPER.valueToTree(entity), null);
  }

  static Map<String, Object> user(String name, String email, String group) {
    return Map.of("apiVersion", "backstage.io/v1alpha1", "kind", "User", "metadata", Map.of("name", name),
        "spec", Map.of("profile", Map.of("email", email), "memberOf", List.of(group)));
  }

  static Map<String, Object> group(String name) {
    return Map.of("apiVersion", "backstage.io/v1alpha1", "kind", "Group", "metadata", Map.of("name", name),
        "spec", Map.of("type", "team", "children", List.of()));
  }

  static Set<String> names(List<ObjectNode> entities) {
    Set<String> names = new TreeSet<>();
    entities.forEach(entity -> names.add(entity.path("metadata").path("name").asText()));
    return names;
  }

  @Test
  void getEntitiesFiltersSelectsFieldsAndPages() throws Exception {
    List<ObjectNode> users = catalog.getEntities(EntityFilterQuery.where("kind", "user"), List.of("metadata.name"));
    assertEquals(Set.of("ada", "grace", "linus"), names(users));
    assertEquals(List.of("metadata"), iterable(users.get(0).fieldNames()), "only the fields asked for");

    List<ObjectNode> payments = catalog.getEntities(EntityFilterQuery.where("kind", "user").and("relations.memberof", "group:default/payments-team")
        .or(EntityFilterQuery.where("kind", "group").and("metadata.name", "platform-team")), List.of());
    assertEquals(Set.of("ada", "grace", "platform-team"), names(payments));

    List<ObjectNode> first = catalog.getEntities(EntityFilterQuery.whereExists("spec.profile.email"), List.of("metadata.name"), 2, 0);
    List<ObjectNode> rest = catalog.getEntities(EntityFilterQuery.whereExists("spec.profile.email"), List.of("metadata.name"), 2, 2);
    assertEquals(2, first.size());
    assertEquals(1, rest.size());
  }

  @Test
  void queryEntitiesPagesByCursorAndQueryAllEntitiesFollowsEveryPage() throws Exception {
    QueryEntitiesRequest users = QueryEntitiesRequest.where(EntityFilterQuery.where("kind", "user")).fields("metadata.name").limit(2);
    CatalogClient.QueryEntitiesResponse page = catalog.queryEntities(users);
    assertEquals(3, page.totalItems());
    assertEquals(2, page.items().size());
    assertTrue(page.nextCursor().isPresent());
    CatalogClient.QueryEntitiesResponse second = catalog.queryEntities(users.continuing(page.nextCursor().get()));
    assertEquals(1, second.items().size());
    assertTrue(second.nextCursor().isEmpty() && second.prevCursor().isPresent());

    assertEquals(Set.of("ada", "grace", "linus"), names(catalog.queryAllEntities(users.limit(1))));
  }

  @Test
  void aValueIsNeverReadAsFilterSyntax() throws Exception {
    // The sign-in look-up's attack: the IdP's email, pasted into a comma-split filter, added a second condition.
    String crafted = "x@evil.example,spec.profile.email=ada@acme.example";
    CatalogClient.QueryEntitiesResponse found = catalog.queryEntities(
        QueryEntitiesRequest.where(EntityFilterQuery.where("kind", "user").and("spec.profile.email", crafted)));
    assertEquals(0, found.totalItems(), "the crafted email is one value and matches nobody");
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> catalog.getEntities(EntityFilterQuery.where("spec.profile.email", crafted), List.of()));
    assertTrue(refused.getMessage().contains("queryEntities"), refused.getMessage());
  }

  @Test
  void entitiesByRefAreEmptyWhereTheCatalogHasNone() throws Exception {
    ObjectNode ada = catalog.getEntityByRef("user:default/ada").orElseThrow();
    assertEquals("ada@acme.example", ada.at("/spec/profile/email").asText());
    assertEquals("ada", catalog.getEntityByRef("user:ada").orElseThrow().at("/metadata/name").asText(), "the namespace defaults");
    assertEquals(Optional.empty(), catalog.getEntityByRef("user:default/nobody"));
    assertThrows(IllegalArgumentException.class, () -> catalog.getEntityByRef("user:default/ada/ancestry"));

    List<Optional<ObjectNode>> byRefs = catalog.getEntitiesByRefs(List.of("user:default/grace", "user:default/nobody"), List.of("kind"));
    assertEquals("User", byRefs.get(0).orElseThrow().path("kind").asText());
    assertEquals(Optional.empty(), byRefs.get(1));
  }

  @Test
  void facetsCountTheSelectedEntities() throws Exception {
    var facets = catalog.getEntityFacets(List.of("kind", "relations.memberOf"), EntityFilterQuery.whereExists("spec.profile.email"));
    assertEquals(List.of(new CatalogClient.FacetCount("User", 3)), facets.get("kind"));
    assertTrue(facets.get("relations.memberOf").contains(new CatalogClient.FacetCount("group:default/payments-team", 2)), facets.toString());
  }

  @Test
  void locationsAreRegisteredFoundRefreshedAndRemoved() throws Exception {
    String target = "http://127.0.0.1:" + files.getAddress().getPort() + "/acme/payments/catalog-info.yaml";
    CatalogClient.AddLocationResponse dryRun = catalog.addLocation("url", target, true);
    assertTrue(names(dryRun.entities()).contains("payments"), dryRun.entities().toString());
    assertEquals(Optional.of(false), dryRun.exists());

    Location added = catalog.addLocation("url", target, false).location();
    CatalogClientException again = assertThrows(CatalogClientException.class, () -> catalog.addLocation("url", target, false));
    assertEquals(409, again.status());
    assertEquals("ConflictError", again.name());

    assertTrue(catalog.getLocations().contains(added));
    assertEquals(Optional.of(added), catalog.getLocationById(added.id()));
    assertEquals(Optional.of(added), catalog.getLocationByRef("url:" + target));
    assertEquals(Optional.of(added), catalog.getLocationByEntity("component:default/payments"));
    assertEquals(Optional.empty(), catalog.getLocationByEntity("component:default/nothing"));
    catalog.refreshEntity("component:default/payments");
    CatalogClientException gone = assertThrows(CatalogClientException.class, () -> catalog.refreshEntity("component:default/nothing"));
    assertEquals(404, gone.status());

    catalog.removeLocationById(added.id());
    assertEquals(Optional.empty(), catalog.getLocationById(added.id()));
    CatalogClientException removedTwice = assertThrows(CatalogClientException.class, () -> catalog.removeLocationById(added.id()));
    assertEquals("NotFoundError", removedTwice.name());
  }

  @Test
  void validateEntitySaysWhatIsWrong() throws Exception {
    ObjectNode valid = Json.MAPPER.valueToTree(user("someone", "someone@acme.example", "payments-team"));
    assertTrue(catalog.validateEntity(valid, "url:https://github.com/acme/x/catalog-info.yaml").valid());
    ObjectNode nameless = valid.deepCopy();
    ((ObjectNode) nameless.get("metadata")).remove("name");
    CatalogClient.ValidateEntityResponse invalid = catalog.validateEntity(nameless, "url:https://github.com/acme/x/catalog-info.yaml");
    assertFalse(invalid.valid());
    assertFalse(invalid.errors().isEmpty());
  }

  @Test
  void aFullMutationReplacesWhatTheProviderGaveAndABadOneIsATypedError() throws Exception {
    String provider = "replacing";
    CatalogClient.MutationResult first = catalog.applyProviderMutation(provider, EntityProviderMutation.full(List.of(
        provided(group("short-lived")), provided(group("long-lived")))));
    assertEquals(2, first.added());
    CatalogClient.MutationResult second = catalog.applyProviderMutation(provider, EntityProviderMutation.full(List.of(
        provided(group("long-lived")))));
    assertEquals(new CatalogClient.MutationResult(0, 0, 1, 1, List.of()), second);
    assertEquals(Optional.empty(), catalog.getEntityByRef("group:default/short-lived"));
    CatalogClient.MutationResult delta = catalog.applyProviderMutation(provider, EntityProviderMutation.delta(
        List.of(provided(group("added-later"))), List.of("group:default/long-lived")));
    assertEquals(1, delta.added());
    assertEquals(1, delta.removed());

    CatalogClientException invalid = assertThrows(CatalogClientException.class, () -> catalog.applyProviderMutation(provider,
        EntityProviderMutation.full(List.of(provided(Map.of("kind", "Group"))))));
    assertEquals(400, invalid.status());
    assertEquals("InputError", invalid.name());
    assertTrue(invalid.catalogMessage().contains("nothing was applied"), invalid.catalogMessage());
  }

  @Test
  void theCatalogIsFoundThroughDiscoveryAndRefusesAStrangersKey() throws Exception {
    // backend.baseUrl leads nowhere: only the discovery endpoint names where the catalog is.
    CatalogClient discovered = client(Map.of("backend", Map.of("baseUrl", "http://127.0.0.1:9"),
        "discovery", Map.of("endpoints", List.of(Map.of("target", catalogUrl + "/api/{{pluginId}}", "plugins", List.of("catalog"))))),
        TestTokens.serviceKey().toJSONString());
    assertTrue(discovered.getEntityByRef("user:default/ada").isPresent());

    CatalogClient stranger = client(Map.of("backend", Map.of("baseUrl", catalogUrl)), TestTokens.newKey("stranger").toJSONString());
    CatalogClientException refused = assertThrows(CatalogClientException.class, () -> stranger.getEntityByRef("user:default/ada"));
    assertEquals(401, refused.status());
    assertEquals("AuthenticationError", refused.name());
  }

  private static List<String> iterable(java.util.Iterator<String> names) {
    List<String> list = new ArrayList<>();
    names.forEachRemaining(list::add);
    return list;
  }
}
