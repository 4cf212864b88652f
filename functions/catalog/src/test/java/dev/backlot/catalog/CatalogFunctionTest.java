package dev.backlot.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import com.google.cloud.functions.invoker.runner.Invoker;
import dev.backlot.platform.Plugin;
import dev.backlot.platform.auth.ServiceTokens;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.db.Database;
import dev.backlot.platform.http.Json;
import dev.backlot.platform.manifest.PluginManifest;
import dev.backlot.testing.TestTokens;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The catalog's routes through the real invoker, answering as Backstage's catalog does. */
class CatalogFunctionTest {
  /** The catalog on a fresh SQLite file, with examples/ as its config location. */
  public static final class CatalogUnderTest implements HttpFunction {
    private final CatalogFunction catalog;

    public CatalogUnderTest() throws Exception {
      PluginManifest manifest = new PluginManifest("catalog", CatalogFunction.class.getName(), "/api/catalog", true, false,
          List.of(), List.of(), "/entities?limit=1", List.of(), PluginManifest.Resources.DEFAULT);
      Config config = Config.of(TestTokens.withAuth(Map.of("catalog", Map.of("locations",
          List.of(Examples.location("../../examples/all.yaml"))), "backlot", ADMIN_GROUPS)));
      Database database = Database.connect("jdbc:sqlite:" + Files.createTempDirectory("catalog").resolve("catalog.sqlite"));
      catalog = new CatalogFunction(Plugin.withDatabase(manifest, config, database, getClass().getClassLoader()));
    }

    @Override
    public void service(HttpRequest request, HttpResponse response) throws Exception {
      catalog.service(request, response);
    }
  }

  private static Invoker invoker;
  private static int port;
  private static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    invoker = new Invoker(port, CatalogUnderTest.class.getName(), "http", CatalogUnderTest.class.getClassLoader());
    invoker.startTestServer();
    assertEquals(200, send("POST", "/api/catalog/refresh").statusCode());
  }

  @AfterAll
  static void stop() throws Exception {
    invoker.stopServer();
  }

  /** Catalog writes are for members of the configured admin groups. */
  static final Map<String, Object> ADMIN_GROUPS = Map.of("auth", Map.of("adminGroups", List.of("group:default/platform-team")));
  static final String ADMIN = "Bearer " + TestTokens.userToken("user:default/ada", "user:default/ada", "group:default/platform-team");

  /** Reads as the guest, changes as an admin. */
  private static java.net.http.HttpResponse<String> send(String method, String path) throws Exception {
    return send(method, path, method.equals("GET") ? TestTokens.authorization() : ADMIN);
  }

  private static java.net.http.HttpResponse<String> send(String method, String path, String authorization) throws Exception {
    return http.send(java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Authorization", authorization)
        .method(method, java.net.http.HttpRequest.BodyPublishers.noBody()).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(String path, int status) throws Exception {
    java.net.http.HttpResponse<String> response = send("GET", path);
    assertEquals(status, response.statusCode(), response.body());
    return Json.MAPPER.readTree(response.body());
  }

  @Test
  void entitiesAreFoundByNameAndByUid() throws Exception {
    JsonNode team = json("/api/catalog/entities/by-name/Group/default/payments-team", 200);
    assertEquals("payments-team", team.at("/metadata/name").asText());
    JsonNode again = json("/api/catalog/entities/by-uid/" + team.at("/metadata/uid").asText(), 200);
    assertEquals(team.at("/metadata/etag"), again.at("/metadata/etag"));
    assertEquals(true, team.get("relations").toString().contains(
        "{\"type\":\"ownerOf\",\"targetRef\":\"component:default/checkout-service\"}"), team.get("relations").toString());
  }

  @Test
  void missingEntitiesAre404WithBackstagesMessages() throws Exception {
    assertEquals("No entity named 'x' found, with kind 'component' in namespace 'default'",
        json("/api/catalog/entities/by-name/Component/default/x", 404).at("/error/message").asText());
    JsonNode byUid = json("/api/catalog/entities/by-uid/nope", 404);
    assertEquals("No entity with uid nope", byUid.at("/error/message").asText());
    assertEquals("/entities/by-uid/nope", byUid.at("/request/url").asText());
  }

  @Test
  void badQueriesAre400WithBackstagesMessages() throws Exception {
    assertEquals("Invalid filter, '=x' is not a valid statement (expected a string on the form a=b or a= or a)",
        json("/api/catalog/entities?filter==x", 400).at("/error/message").asText());
    assertEquals("request/query/limit must be integer", json("/api/catalog/entities?limit=ten", 400).at("/error/message").asText());
    assertEquals("request/query/offset must be >= 0", json("/api/catalog/entities?offset=-1", 400).at("/error/message").asText());
  }

  private static java.net.http.HttpResponse<String> post(String path, String json) throws Exception {
    return post(path, json, ADMIN);
  }

  private static java.net.http.HttpResponse<String> post(String path, String json, String authorization) throws Exception {
    return http.send(java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Authorization", authorization)
        .header("Content-Type", "application/json")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(json)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void byRefsAnswersInRequestOrderWithNullsForUnknownRefs() throws Exception {
    java.net.http.HttpResponse<String> response = post("/api/catalog/entities/by-refs",
        "{\"entityRefs\":[\"component:default/web-shop\",\"component:default/nope\",\"Group:payments-team\"]}");
    assertEquals(200, response.statusCode(), response.body());
    JsonNode items = Json.MAPPER.readTree(response.body()).get("items");
    assertEquals("web-shop", items.get(0).at("/metadata/name").asText());
    assertEquals(true, items.get(1).isNull());
    assertEquals("payments-team", items.get(2).at("/metadata/name").asText());
    java.net.http.HttpResponse<String> missing = post("/api/catalog/entities/by-refs", "{}");
    assertEquals(400, missing.statusCode());
    assertEquals("request/body must have required property 'entityRefs'",
        Json.MAPPER.readTree(missing.body()).at("/error/message").asText());
  }

  @Test
  void facetsCountValuesAsWrittenOrderedByValue() throws Exception {
    JsonNode facets = json("/api/catalog/entity-facets?facet=spec.type&facet=metadata.tags&facet=relations.ownedBy&filter=kind=component", 200)
        .get("facets");
    assertEquals(List.of(Map.of("value", "service", "count", 4), Map.of("value", "website", "count", 2)),
        Json.MAPPER.convertValue(facets.get("spec.type"), List.class));
    assertEquals(3, count(facets.get("metadata.tags"), "java"));
    assertEquals("group:default/payments-team", facets.get("relations.ownedBy").get(0).get("value").asText());
    assertEquals("request/query must have required property 'facet'",
        json("/api/catalog/entity-facets", 400).at("/error/message").asText());
  }

  private static int count(JsonNode facet, String value) {
    for (JsonNode entry : facet) {
      if (entry.get("value").asText().equals(value)) {
        return entry.get("count").asInt();
      }
    }
    return 0;
  }

  @Test
  void validateEntityAnswersLikeBackstage() throws Exception {
    String valid = "{\"apiVersion\":\"backstage.io/v1alpha1\",\"kind\":\"Component\",\"metadata\":{\"name\":\"a\"},"
        + "\"spec\":{\"type\":\"service\",\"lifecycle\":\"production\",\"owner\":\"team\"}}";
    java.net.http.HttpResponse<String> ok = post("/api/catalog/validate-entity", "{\"location\":\"url:https://example.com/x.yaml\",\"entity\":" + valid + "}");
    assertEquals(200, ok.statusCode());
    assertEquals("", ok.body());
    java.net.http.HttpResponse<String> invalid = post("/api/catalog/validate-entity",
        "{\"location\":\"url:https://example.com/x.yaml\",\"entity\":" + valid.replace(",\"owner\":\"team\"", "") + "}");
    assertEquals(400, invalid.statusCode());
    assertEquals("/spec must have required property 'owner'", Json.MAPPER.readTree(invalid.body()).at("/errors/0/message").asText());
    java.net.http.HttpResponse<String> fileLocation = post("/api/catalog/validate-entity", "{\"location\":\"file:/etc/x\",\"entity\":" + valid + "}");
    assertEquals("TypeError", Json.MAPPER.readTree(fileLocation.body()).at("/errors/0/name").asText());
  }

  @Test
  void orderFieldsAndTheAfterCursorWorkAsInBackstage() throws Exception {
    // Paged, every order field counts (unpaged, only the first: see the offset test).
    JsonNode ordered = json("/api/catalog/entities?filter=kind=component&order=desc:spec.type&order=asc:metadata.name&fields=metadata.name,spec.type"
        + "&limit=100", 200);
    assertEquals(List.of("backlot", "web-shop", "billing-worker", "checkout-service", "product-service", "recommendations"),
        ordered.findValuesAsText("name"));
    assertEquals(List.of("name"), names(ordered.get(0).get("metadata").fieldNames()), "fields cut the entity down");

    java.net.http.HttpResponse<String> first = send("GET", "/api/catalog/entities?filter=kind=component&limit=4&fields=metadata.name");
    String link = first.headers().firstValue("link").orElseThrow();
    assertEquals(true, link.endsWith(">; rel=\"next\""), link);
    String next = link.substring(1, link.indexOf('>'));
    assertEquals(false, next.contains("offset="), next);
    JsonNode second = json("/api/catalog" + next, 200);
    assertEquals(List.of("recommendations", "web-shop"), second.findValuesAsText("name"));
    assertEquals(true, send("GET", "/api/catalog" + next).headers().firstValue("link").isEmpty(), "no link after the last page");
    assertEquals("Malformed after cursor, could not be parsed", json("/api/catalog/entities?after=%25%25", 400).at("/error/message").asText());
    // Found by CursorFuzzTest: {"limit":-6} made a page of -6 entities and a 500.
    String negative = java.util.Base64.getEncoder().encodeToString("{\"limit\":-6}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertEquals("Malformed after cursor, limit was not an number", json("/api/catalog/entities?after=" + negative, 400).at("/error/message").asText());
    assertEquals("Invalid order parameter \"up:name\", expected \"<asc or desc>:<field name>\"",
        json("/api/catalog/entities?order=up:name", 400).at("/error/message").asText());
  }

  private static List<String> names(java.util.Iterator<String> iterator) {
    List<String> items = new java.util.ArrayList<>();
    iterator.forEachRemaining(items::add);
    return items;
  }

  @Test
  void deletingByUidRemovesTheEntityUntilItsLocationEmitsItAgain() throws Exception {
    String uid = json("/api/catalog/entities/by-name/resource/default/backlot-sql", 200).at("/metadata/uid").asText();
    assertEquals(204, send("DELETE", "/api/catalog/entities/by-uid/" + uid).statusCode());
    assertEquals(404, send("GET", "/api/catalog/entities/by-uid/" + uid).statusCode());
    assertEquals(404, send("DELETE", "/api/catalog/entities/by-uid/" + uid).statusCode());
    assertEquals(200, send("POST", "/api/catalog/refresh").statusCode());
    assertEquals(404, send("GET", "/api/catalog/entities/by-name/resource/default/backlot-sql").statusCode(),
        "the scheduler's refresh takes only locations that are due");
    java.net.http.HttpResponse<String> refresh = post("/api/catalog/refresh", "{\"entityRef\":\"location:default/acme-example\"}");
    assertEquals(200, refresh.statusCode(), refresh.body());
    assertEquals(200, send("GET", "/api/catalog/entities/by-name/resource/default/backlot-sql").statusCode(),
        "refreshing an entity refreshes the location that emitted it, now");
    assertEquals(404, post("/api/catalog/refresh", "{\"entityRef\":\"component:default/nope\"}").statusCode());
    assertEquals(400, post("/api/catalog/refresh", "{\"entityRef\":\"\"}").statusCode());
  }

  @Test
  void aFirstByQueryPageMaySkipAnOffsetAndAnUnpagedListSortsByItsFirstOrderOnly() throws Exception {
    JsonNode skipped = json("/api/catalog/entities/by-query?filter=kind=component&orderField=metadata.name,asc&limit=2&offset=4"
        + "&fields=metadata.name", 200);
    assertEquals(List.of("recommendations", "web-shop"), skipped.get("items").findValuesAsText("name"));
    assertEquals(6, skipped.get("totalItems").asInt());
    assertEquals("{}", skipped.get("pageInfo").toString(), "the last two: no next page, and a first page has no previous one");
    assertEquals("request/query/offset must be >= 0",
        json("/api/catalog/entities/by-query?offset=-1", 400).at("/error/message").asText());
    // Backstage sorts an unpaged list by its first order field alone: the second cannot reorder it.
    String fields = "&filter=kind=component&fields=metadata.name,spec.type";
    JsonNode twoOrders = json("/api/catalog/entities?order=asc:spec.type&order=desc:metadata.name" + fields, 200);
    JsonNode firstOrder = json("/api/catalog/entities?order=asc:spec.type" + fields, 200);
    assertEquals(6, twoOrders.size());
    assertEquals(firstOrder, twoOrders);
    List<String> types = twoOrders.findValuesAsText("type");
    assertEquals(types.stream().sorted().toList(), types, "in spec.type order");
  }

  @Test
  void byQueryWalksForwardAndBackWithCursors() throws Exception {
    JsonNode first = json("/api/catalog/entities/by-query?filter=kind=component&orderField=metadata.name,asc&limit=4&fields=metadata.name", 200);
    assertEquals(6, first.get("totalItems").asInt());
    assertEquals(List.of("backlot", "billing-worker", "checkout-service", "product-service"), first.get("items").findValuesAsText("name"));
    assertEquals(false, first.get("pageInfo").has("prevCursor"), "a first request has no previous page");
    String next = first.at("/pageInfo/nextCursor").asText();
    JsonNode second = json("/api/catalog/entities/by-query?limit=4&fields=metadata.name&cursor=" + encode(next), 200);
    assertEquals(List.of("recommendations", "web-shop"), second.get("items").findValuesAsText("name"));
    assertEquals(false, second.get("pageInfo").has("nextCursor"));
    JsonNode back = json("/api/catalog/entities/by-query?limit=4&fields=metadata.name&cursor=" + encode(second.at("/pageInfo/prevCursor").asText()), 200);
    assertEquals(List.of("backlot", "billing-worker", "checkout-service", "product-service"), back.get("items").findValuesAsText("name"));
    assertEquals(false, back.get("pageInfo").has("prevCursor"));
    assertEquals(true, back.get("pageInfo").has("nextCursor"));

    JsonNode desc = json("/api/catalog/entities/by-query?filter=kind=component&orderField=metadata.name,desc&limit=2&fields=metadata.name", 200);
    assertEquals(List.of("web-shop", "recommendations"), desc.get("items").findValuesAsText("name"));
    JsonNode text = json("/api/catalog/entities/by-query?filter=kind=component&orderField=metadata.name,asc&fullTextFilterTerm=SERV", 200);
    assertEquals(List.of("checkout-service", "product-service"),
        java.util.stream.StreamSupport.stream(text.get("items").spliterator(), false).map(e -> e.at("/metadata/name").asText()).toList());
    assertEquals(2, text.get("totalItems").asInt(), "the term matches the sort field by default");
    JsonNode none = json("/api/catalog/entities/by-query?limit=0&filter=kind=api", 200);
    assertEquals(2, none.get("totalItems").asInt());
    assertEquals(0, none.get("items").size());
    assertEquals("{}", none.get("pageInfo").toString());
    assertEquals(true, json("/api/catalog/entities/by-query?cursor=nope!", 400).at("/error/message").asText().startsWith("Malformed cursor"));
    assertEquals("Invalid order field order, must be asc or desc",
        json("/api/catalog/entities/by-query?orderField=metadata.name,up", 400).at("/error/message").asText());
  }

  @Test
  void ancestryLeadsFromAnEntityToItsLocations() throws Exception {
    JsonNode ancestry = json("/api/catalog/entities/by-name/component/default/checkout-service/ancestry", 200);
    JsonNode items = ancestry.get("items");
    assertEquals(3, items.size(), ancestry.toString());
    assertEquals("checkout-service", items.get(0).at("/entity/metadata/name").asText());
    assertEquals("location:default/acme-example", items.get(0).at("/parentEntityRefs/0").asText());
    assertEquals("acme-example", items.get(1).at("/entity/metadata/name").asText());
    String root = items.get(1).at("/parentEntityRefs/0").asText();
    assertTrue(root.startsWith("location:default/generated-"), root);
    assertEquals(0, items.get(2).get("parentEntityRefs").size());
    assertEquals("component:default/checkout-service", ancestry.get("rootEntityRef").asText(), "where the walk starts, as in Backstage");
    assertEquals("No such entity component:default/nope",
        json("/api/catalog/entities/by-name/component/default/nope/ancestry", 404).at("/error/message").asText());
  }

  @Test
  void onlyAdminsChangeTheCatalog() throws Exception {
    String uid = json("/api/catalog/entities/by-name/component/default/web-shop", 200).at("/metadata/uid").asText();
    java.net.http.HttpResponse<String> delete = send("DELETE", "/api/catalog/entities/by-uid/" + uid, TestTokens.authorization());
    assertEquals(403, delete.statusCode());
    assertEquals("NotAllowedError", Json.MAPPER.readTree(delete.body()).at("/error/name").asText());
    assertEquals(403, send("POST", "/api/catalog/refresh", TestTokens.authorization()).statusCode());
    assertEquals(401, send("POST", "/api/catalog/refresh", "Bearer not-a-token").statusCode());
    assertEquals(uid, json("/api/catalog/entities/by-uid/" + uid, 200).at("/metadata/uid").asText(), "a refused delete deletes nothing");
  }

  @Test
  void predicateQueriesSelectAsBackstagesOperatorsSay() throws Exception {
    java.util.function.Function<String, List<String>> names = body -> {
      try {
        java.net.http.HttpResponse<String> response = post("/api/catalog/entities/by-query",
            "{\"orderBy\":[{\"field\":\"metadata.name\",\"order\":\"asc\"}],\"fields\":[\"metadata.name\"]," + body + "}");
        assertEquals(200, response.statusCode(), response.body());
        return Json.MAPPER.readTree(response.body()).get("items").findValuesAsText("name");
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    };
    assertEquals(List.of("billing-worker", "checkout-service", "product-service"),
        names.apply("\"query\":{\"kind\":\"Component\",\"spec.type\":\"service\",\"metadata.tags\":{\"$in\":[\"JAVA\",\"go\"]}}"));
    assertEquals(List.of("backlot", "web-shop"),
        names.apply("\"query\":{\"$all\":[{\"kind\":\"component\"},{\"$not\":{\"spec.type\":\"service\"}}]}"));
    assertEquals(List.of("payments-api", "product-api", "web-shop"),
        names.apply("\"query\":{\"$any\":[{\"kind\":\"api\"},{\"metadata.name\":{\"$hasPrefix\":\"WEB-\"}}]}"));
    assertEquals(List.of("billing-worker", "checkout-service"),
        names.apply("\"query\":{\"kind\":\"component\",\"relations\":{\"$contains\":{\"type\":\"ownedBy\",\"targetRef\":\"group:default/payments-team\"}}}"));
    assertEquals(List.of("backlot", "billing-worker", "recommendations", "web-shop"),
        names.apply("\"query\":{\"kind\":\"component\",\"spec.providesApis\":{\"$exists\":false}}"));

    java.net.http.HttpResponse<String> first = post("/api/catalog/entities/by-query",
        "{\"query\":{\"kind\":\"component\"},\"orderBy\":{\"field\":\"metadata.name\",\"order\":\"desc\"},\"limit\":4,\"fields\":[\"metadata.name\"]}");
    JsonNode page = Json.MAPPER.readTree(first.body());
    assertEquals(6, page.get("totalItems").asInt());
    String cursor = page.at("/pageInfo/nextCursor").asText();
    assertEquals(true, Json.MAPPER.readTree(java.util.Base64.getDecoder().decode(cursor)).has("query"),
        "catalog-client sends the next page to POST when the cursor holds a query");
    JsonNode second = Json.MAPPER.readTree(post("/api/catalog/entities/by-query", "{\"cursor\":\"" + cursor + "\",\"limit\":4}").body());
    assertEquals(List.of("billing-worker", "backlot"), second.get("items").findValuesAsText("name"));
    assertEquals(List.of("billing-worker", "backlot"),
        json("/api/catalog/entities/by-query?limit=4&cursor=" + encode(cursor), 200).get("items").findValuesAsText("name"), "GET continues it too");

    java.net.http.HttpResponse<String> bad = post("/api/catalog/entities/by-query", "{\"query\":{\"kind\":{\"$regex\":\"x\"}}}");
    assertEquals(400, bad.statusCode());
    assertEquals("Unsupported filter predicate value for field \"kind\": {\"$regex\":\"x\"}", Json.MAPPER.readTree(bad.body()).at("/error/message").asText());
    assertEquals(400, post("/api/catalog/entities/by-query", "{\"query\":\"kind=component\"}").statusCode());
  }

  /**
   * The attack: any signed-in caller asks one request for unbounded work: a page of every entity,
   * thousands of facets (a query each), a predicate of thousands of values (SQL parameters, repeated
   * per kind in a sorted page), dozens of sort keys (two subqueries each). Each is refused with a 400
   * before any query runs.
   */
  @Test
  void queriesBeyondTheLimitsAreInputErrors() throws Exception {
    java.util.function.BiConsumer<java.net.http.HttpResponse<String>, String> refused = (response, message) -> {
      assertEquals(400, response.statusCode(), response.body());
      try {
        assertEquals("InputError", Json.MAPPER.readTree(response.body()).at("/error/name").asText());
        assertEquals(message, Json.MAPPER.readTree(response.body()).at("/error/message").asText());
      } catch (java.io.IOException e) {
        throw new AssertionError(e);
      }
    };
    refused.accept(send("GET", "/api/catalog/entities/by-query?limit=10001"), "request/query/limit must be <= 10000");
    refused.accept(post("/api/catalog/entities/by-query", "{\"limit\":10001}"), "request/body/limit must be <= 10000");
    refused.accept(send("GET", "/api/catalog/entities/by-query?limit=5000&offset=5001"),
        "request/query/offset plus limit must be <= 10000 (a first page reads that many entities); page on with the cursor");
    json("/api/catalog/entities/by-query?limit=10000&fields=metadata.name", 200);

    String facets = java.util.stream.IntStream.rangeClosed(1, 51).mapToObj(i -> "facet=spec.f" + i).collect(java.util.stream.Collectors.joining("&"));
    refused.accept(send("GET", "/api/catalog/entity-facets?" + facets), "request/query/facet must NOT have more than 50 items");
    String facetList = java.util.stream.IntStream.rangeClosed(1, 51).mapToObj(i -> "\"spec.f" + i + "\"").collect(java.util.stream.Collectors.joining(","));
    refused.accept(post("/api/catalog/entity-facets", "{\"facets\":[" + facetList + "]}"), "request/body/facets must NOT have more than 50 items");

    String values = java.util.stream.IntStream.rangeClosed(1, 501).mapToObj(i -> "\"n" + i + "\"").collect(java.util.stream.Collectors.joining(","));
    refused.accept(post("/api/catalog/entities/by-query", "{\"query\":{\"metadata.name\":{\"$in\":[" + values + "]}}}"),
        "Invalid filter: more than 500 values and operators in all");
    String alternatives = java.util.stream.IntStream.rangeClosed(1, 500).mapToObj(i -> "{\"metadata.name\":\"n" + i + "\"}")
        .collect(java.util.stream.Collectors.joining(","));
    refused.accept(post("/api/catalog/entity-facets", "{\"facets\":[\"kind\"],\"query\":{\"$any\":[" + alternatives + "]}}"),
        "Invalid filter: more than 500 values and operators in all");
    refused.accept(post("/api/catalog/entities/by-refs", "{\"entityRefs\":[],\"query\":{\"kind\":{\"$in\":[" + values + "]}}}"),
        "Invalid filter: more than 500 values and operators in all");

    String orders = java.util.stream.IntStream.rangeClosed(1, 11).mapToObj(i -> "asc:spec.f" + i).collect(java.util.stream.Collectors.joining(","));
    refused.accept(send("GET", "/api/catalog/entities?order=" + orders), "request/query/order must NOT have more than 10 items");
    String textFields = java.util.stream.IntStream.rangeClosed(1, 21).mapToObj(i -> "spec.f" + i).collect(java.util.stream.Collectors.joining(","));
    refused.accept(send("GET", "/api/catalog/entities/by-query?fullTextFilterTerm=x&fullTextFilterFields=" + textFields),
        "request/query/fullTextFilterFields must NOT have more than 20 items");
  }

  private static String encode(String value) {
    return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
  }

  @Test
  void listingPagesByLimitAndOffset() throws Exception {
    JsonNode all = json("/api/catalog/entities?filter=kind=component", 200);
    JsonNode page = json("/api/catalog/entities?filter=kind=component&limit=2&offset=2", 200);
    assertEquals(6, all.size());
    assertEquals(2, page.size());
    assertEquals(all.get(2).at("/metadata/name"), page.get(0).at("/metadata/name"));
  }

  /** A plugin's own credentials, as the GitHub plugin sends them. */
  static final String SERVICE = ServiceTokens.fromConfig(Config.of(TestTokens.withAuth(Map.of())), "github").authorizationFor("catalog");

  @Test
  void entityProvidersApplyMutationsWithServiceTokensOnly() throws Exception {
    String path = "/api/catalog/providers/test-provider/mutations";
    String group = "{\"apiVersion\":\"backstage.io/v1alpha1\",\"kind\":\"Group\",\"metadata\":{\"name\":\"provided-team\"},"
        + "\"spec\":{\"type\":\"team\",\"children\":[]}}";
    String full = "{\"type\":\"full\",\"entities\":[{\"entity\":" + group + "}]}";

    for (String caller : List.of(ADMIN, TestTokens.authorization())) {
      java.net.http.HttpResponse<String> refused = post(path, full, caller);
      assertEquals(403, refused.statusCode(), refused.body());
      assertEquals("NotAllowedError", Json.MAPPER.readTree(refused.body()).at("/error/name").asText());
    }
    json("/api/catalog/entities/by-name/group/default/provided-team", 404);

    java.net.http.HttpResponse<String> applied = post(path, full, SERVICE);
    assertEquals(200, applied.statusCode(), applied.body());
    assertEquals("{\"added\":1,\"updated\":0,\"unchanged\":0,\"removed\":0,\"conflicts\":[]}", applied.body());
    assertEquals("provider:test-provider", json("/api/catalog/entities/by-name/group/default/provided-team", 200)
        .at("/metadata/annotations/backstage.io~1managed-by-location").asText());

    java.net.http.HttpResponse<String> invalid = post(path, "{\"type\":\"full\",\"entities\":[{\"entity\":{\"kind\":\"Group\"}}]}", SERVICE);
    assertEquals(400, invalid.statusCode(), invalid.body());
    JsonNode error = Json.MAPPER.readTree(invalid.body());
    assertEquals("InputError", error.at("/error/name").asText());
    assertTrue(error.at("/error/message").asText().contains("entities[0]"), invalid.body());
    json("/api/catalog/entities/by-name/group/default/provided-team", 200);

    assertEquals(400, post("/api/catalog/providers/Not%20valid/mutations", full, SERVICE).statusCode());
    assertEquals(200, post(path, "{\"type\":\"full\",\"entities\":[]}", SERVICE).statusCode());
    json("/api/catalog/entities/by-name/group/default/provided-team", 404);
  }
}
