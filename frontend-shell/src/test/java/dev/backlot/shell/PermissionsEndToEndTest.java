package dev.backlot.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlot.local.Gateway;
import dev.backlot.local.RunningFunction;
import dev.backlot.platform.auth.ServiceTokens;
import dev.backlot.platform.http.Json;
import dev.backlot.testing.TestTokens;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Permissions end to end, as the local portal runs them: the built catalog and permission functions
 * each in its own JVM with {@code permission.enabled: true}, behind the local gateway, an RHDH CSV
 * policy file, and user tokens through the whole route stack (authentication, the catalog asking the
 * permission function, membership read back from the catalog, conditions applied in the catalog's SQL).
 *
 * <p>alice is in team-a, whose role reads every entity; bob is in team-b, whose role reads what its
 * members own (a conditional policy made through RHDH's REST API by the superuser); carol has no role.
 */
class PermissionsEndToEndTest {
  static final Path WORK = Path.of("target", "permissions-e2e").toAbsolutePath();
  static final String ENTITIES = """
      apiVersion: backstage.io/v1alpha1
      kind: Group
      metadata: {name: team-a}
      spec: {type: team, children: []}
      ---
      apiVersion: backstage.io/v1alpha1
      kind: Group
      metadata: {name: team-b}
      spec: {type: team, children: []}
      ---
      apiVersion: backstage.io/v1alpha1
      kind: User
      metadata: {name: alice}
      spec: {memberOf: [team-a]}
      ---
      apiVersion: backstage.io/v1alpha1
      kind: User
      metadata: {name: bob}
      spec: {memberOf: [team-b]}
      ---
      apiVersion: backstage.io/v1alpha1
      kind: User
      metadata: {name: carol}
      spec: {memberOf: []}
      ---
      apiVersion: backstage.io/v1alpha1
      kind: Component
      metadata: {name: payments}
      spec: {type: service, lifecycle: production, owner: group:default/team-a}
      ---
      apiVersion: backstage.io/v1alpha1
      kind: Component
      metadata: {name: checkout}
      spec: {type: service, lifecycle: production, owner: group:default/team-b}
      ---
      apiVersion: backstage.io/v1alpha1
      kind: Component
      metadata: {name: basket}
      spec: {type: service, lifecycle: production, owner: group:default/team-b}
      ---
      apiVersion: backstage.io/v1alpha1
      kind: API
      metadata: {name: payments-api}
      spec:
        type: openapi
        lifecycle: production
        owner: group:default/team-a
        definition: |
          openapi: 3.0.3
          info: {title: Payments, version: 1.0.0}
          paths: {}
      ---
      apiVersion: backstage.io/v1alpha1
      kind: API
      metadata: {name: checkout-api}
      spec:
        type: openapi
        lifecycle: production
        owner: group:default/team-b
        definition: |
          openapi: 3.0.3
          info: {title: Checkout, version: 1.0.0}
          paths: {}
      """;
  static final String POLICY = """
      p, role:default/readers, catalog-entity, read, allow
      g, group:default/team-a, role:default/readers
      p, role:default/docs, api-docs.definition.read, read, allow
      g, group:default/team-a, role:default/docs
      g, group:default/team-b, role:default/docs
      g, user:default/carol, role:default/docs
      """;

  static RunningFunction catalog;
  static RunningFunction permission;
  static RunningFunction apiDocs;
  static RunningFunction techdocs;
  static Gateway gateway;
  static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    Files.createDirectories(WORK);
    Path entities = Files.writeString(WORK.resolve("entities.yaml"), ENTITIES);
    Path policy = Files.writeString(WORK.resolve("rbac-policy.csv"), POLICY);
    int gatewayPort = SignInTest.freePort();
    String jwksUrl = TestTokens.jwks().url();
    Map<String, Object> enabled = Map.of("enabled", true);
    catalog = LocalFunctions.start("catalog", jwksUrl, "http://127.0.0.1:" + gatewayPort, Map.of(
        "permission", enabled,
        "catalog", Map.of("locations", List.of(Map.of("type", "file", "target", entities.toString(),
            "rules", List.of(Map.of("allow", List.of("Component", "API", "Group", "User"))))))), WORK);
    apiDocs = LocalFunctions.start("api-docs", jwksUrl, "http://127.0.0.1:" + gatewayPort, Map.of("permission", enabled,
        "blobStore", Map.of("folder", Map.of("path", Files.createDirectories(WORK.resolve("blobs-" + System.nanoTime())).toString()))), WORK);
    Path docs = Files.createDirectories(WORK.resolve("docs-" + System.nanoTime()));
    publishSite(docs, "payments");
    publishSite(docs, "checkout");
    techdocs = LocalFunctions.start("techdocs", jwksUrl, "http://127.0.0.1:" + gatewayPort, Map.of("permission", enabled,
        "blobStore", Map.of("folder", Map.of("path", docs.toString()))), WORK);
    permission = LocalFunctions.start("permission", jwksUrl, "http://127.0.0.1:" + gatewayPort, Map.of(
        "permission", Map.of("enabled", true, "rbac", Map.of("policies-csv-file", policy.toString(),
            "admin", Map.of("superUsers", List.of(Map.of("name", "user:default/root"))), "pluginsWithPermission", List.of("catalog")))), WORK);
    gateway = new Gateway(new InetSocketAddress("127.0.0.1", gatewayPort),
        Map.of("/api/catalog", catalog.baseUrl(), "/api/permission", permission.baseUrl(), "/api/api-docs", apiDocs.baseUrl(),
        "/api/techdocs", techdocs.baseUrl())).start();
    load();
    call("POST", "/api/api-docs/sync", LocalFunctions.serviceTokens("scheduler").authorizationFor("api-docs"), null, 200);
    // The conditional read for team-b, made through RHDH's REST API, itself decided on policy.entity.create.
    String root = user("user:default/root");
    call("POST", "/api/permission/roles", root, "{\"name\":\"role:default/team-b-readers\",\"memberReferences\":[\"group:default/team-b\"]}", 201);
    call("POST", "/api/permission/roles/conditions", root, """
        {"result":"CONDITIONAL","roleEntityRef":"role:default/team-b-readers","pluginId":"catalog","resourceType":"catalog-entity",
         "permissionMapping":["read"],"conditions":{"rule":"IS_ENTITY_OWNER","resourceType":"catalog-entity","params":{"claims":["$ownerRefs"]}}}""",
        201);
  }

  @AfterAll
  static void stop() throws Exception {
    SignInTest.closeAll(gateway, catalog, permission, apiDocs, techdocs);
  }

  /** A one-page site of component {@code name} in the publishers' layout, as techdocs-cli leaves it. */
  static void publishSite(Path blobs, String name) throws Exception {
    Path site = Files.createDirectories(blobs.resolve("techdocs/default/component/" + name));
    Files.writeString(site.resolve("index.html"), "<html><body><article class=\"md-content__inner\"><h1>" + name + "</h1></article></body></html>");
    Files.writeString(site.resolve("techdocs_metadata.json"), "{\"site_name\":\"" + name + "\",\"etag\":\"1\",\"files\":[\"index.html\"]}");
  }

  /** Refreshes the catalog as the scheduler would, until the entities are in. */
  static void load() throws Exception {
    String scheduler = LocalFunctions.serviceTokens("scheduler").authorizationFor("catalog");
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      send("POST", "/api/catalog/refresh", scheduler, null);
      HttpResponse<String> users = send("GET", "/api/catalog/entities?filter=kind=component", scheduler, null);
      if (users.statusCode() == 200 && users.body().contains("basket") && send("GET", "/api/catalog/entities?filter=kind=api", scheduler, null)
          .body().contains("checkout-api")) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the catalog did not load the entities: " + users.statusCode() + " " + users.body());
      }
      Thread.sleep(300);
    }
  }

  /** A user token as the shell mints them (issuer backlot), owning through {@code ownership}. */
  static String user(String subject, String... ownership) {
    List<String> ent = new ArrayList<>(List.of(subject));
    ent.addAll(List.of(ownership));
    return "Bearer " + TestTokens.sign(TestTokens.userKey(), TestTokens.userClaims(subject).issuer("backlot").claim("ent", ent).build());
  }

  static HttpResponse<String> send(String method, String path, String authorization, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .header("Authorization", authorization).header("Content-Type", "application/json");
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode call(String method, String path, String authorization, String body, int status) throws Exception {
    HttpResponse<String> response = send(method, path, authorization, body);
    assertEquals(status, response.statusCode(), method + " " + path + ": " + response.body());
    return response.body().isEmpty() ? null : Json.MAPPER.readTree(response.body());
  }

  static List<String> components(String authorization) throws Exception {
    List<String> names = new ArrayList<>();
    call("GET", "/api/catalog/entities?filter=kind=component", authorization, null, 200).forEach(e -> names.add(e.at("/metadata/name").asText()));
    return names.stream().sorted().toList();
  }

  @Test
  void aRoleThatReadsEverythingReadsButMayNotDelete() throws Exception {
    String alice = user("user:default/alice", "group:default/team-a");
    assertEquals(List.of("basket", "checkout", "payments"), components(alice));
    JsonNode payments = call("GET", "/api/catalog/entities/by-name/component/default/payments", alice, null, 200);
    JsonNode refused = call("DELETE", "/api/catalog/entities/by-uid/" + payments.at("/metadata/uid").asText(), alice, null, 403);
    assertTrue(refused.at("/error/message").asText().contains("catalog.entity.delete"), refused.toString());
    call("GET", "/api/catalog/entities/by-name/component/default/payments", alice, null, 200);
  }

  @Test
  void aConditionalReadFiltersTheListAndAnUnreadableEntityByNameIsNotFound() throws Exception {
    String bob = user("user:default/bob", "group:default/team-b");
    assertEquals(List.of("basket", "checkout"), components(bob));
    assertEquals(2, call("GET", "/api/catalog/entities/by-query?filter=kind=component", bob, null, 200).get("totalItems").asInt());
    call("GET", "/api/catalog/entities/by-name/component/default/checkout", bob, null, 200);
    call("GET", "/api/catalog/entities/by-name/component/default/payments", bob, null, 404);
  }

  static List<String> apis(String authorization) throws Exception {
    List<String> refs = new ArrayList<>();
    call("GET", "/api/api-docs/apis", authorization, null, 200).get("items").forEach(api -> refs.add(api.get("entityRef").asText()));
    return refs.stream().sorted().toList();
  }

  @Test
  void theApiDocsListingShowsOnlyTheApisWhoseCatalogEntityTheCallerMayRead() throws Exception {
    assertEquals(List.of("api:default/checkout-api", "api:default/payments-api"), apis(user("user:default/alice", "group:default/team-a")));
    String bob = user("user:default/bob", "group:default/team-b");
    assertEquals(List.of("api:default/checkout-api"), apis(bob), "the catalog's conditional read, applied through its filtered list");
    call("GET", "/api/api-docs/apis/default/checkout-api/versions", bob, null, 200);
    call("GET", "/api/api-docs/apis/default/payments-api/versions", bob, null, 404);
    call("GET", "/api/api-docs/apis/default/payments-api/versions/latest/definition", bob, null, 404);
    assertEquals(List.of(), apis(user("user:default/carol")), "may read API docs, but no catalog entity");
  }

  @Test
  void aConditionalDecisionOnOneEntityIsSettledByTheCatalogsApplyConditions() throws Exception {
    String bob = user("user:default/bob", "group:default/team-b");
    String read = "\"permission\":{\"type\":\"resource\",\"name\":\"catalog.entity.read\",\"attributes\":{\"action\":\"read\"},\"resourceType\":\"catalog-entity\"}";
    JsonNode answer = call("POST", "/api/permission/authorize", bob, "{\"items\":["
        + "{\"id\":\"own\"," + read + ",\"resourceRef\":\"component:default/checkout\"},"
        + "{\"id\":\"other\"," + read + ",\"resourceRef\":\"component:default/payments\"},"
        + "{\"id\":\"list\"," + read + "}]}", 200);
    assertEquals("ALLOW", answer.at("/items/0/result").asText(), answer.toString());
    assertEquals("DENY", answer.at("/items/1/result").asText(), answer.toString());
    assertEquals("CONDITIONAL", answer.at("/items/2/result").asText(), "without a resource the conditions go back to the asker");
  }

  @Test
  void aUserWithoutARoleSeesNothingAndMayNotManageRoles() throws Exception {
    String carol = user("user:default/carol");
    assertEquals(List.of(), components(carol));
    call("GET", "/api/catalog/entities/by-name/component/default/payments", carol, null, 404);
    call("GET", "/api/permission/roles", carol, null, 403);
    call("POST", "/api/permission/roles", carol, "{\"name\":\"role:default/mine\",\"memberReferences\":[\"user:default/carol\"]}", 403);
  }

  @Test
  void docsAreServedExactlyWhenTheCatalogLetsTheCallerReadTheEntity() throws Exception {
    String alice = user("user:default/alice", "group:default/team-a");
    assertEquals(200, send("GET", "/api/techdocs/static/docs/default/component/payments/index.html", alice, null).statusCode());
    assertEquals(200, send("GET", "/api/techdocs/static/docs/default/component/checkout/index.html", alice, null).statusCode());
    // bob's read is conditional (what team-b owns): the catalog settles it, asked with bob's own token.
    String bob = user("user:default/bob", "group:default/team-b");
    HttpResponse<String> own = send("GET", "/api/techdocs/static/docs/default/component/checkout/index.html", bob, null);
    assertEquals(200, own.statusCode(), own.body());
    assertTrue(own.body().contains("<h1>checkout</h1>"), own.body());
    assertEquals("checkout", call("GET", "/api/techdocs/metadata/techdocs/default/component/checkout", bob, null, 200).get("site_name").asText());
    assertEquals("group:default/team-b", call("GET", "/api/techdocs/metadata/entity/default/component/checkout", bob, null, 200)
        .at("/spec/owner").asText());
    call("GET", "/api/techdocs/static/docs/default/component/payments/index.html", bob, null, 404);
    call("GET", "/api/techdocs/metadata/techdocs/default/component/payments", bob, null, 404);
    call("GET", "/api/techdocs/metadata/entity/default/component/payments", bob, null, 404);
    String carol = user("user:default/carol");
    call("GET", "/api/techdocs/static/docs/default/component/checkout/index.html", carol, null, 404);
  }
}
