package dev.backlot.apidocs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import com.google.cloud.functions.invoker.runner.Invoker;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.http.Json;
import dev.backlot.testing.TestTokens;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The diff, check and changes routes through the real invoker, on the local portal's storage. */
class BreakingChangeRoutesTest {
  private static final String CI_TOKEN = "ci-token-for-diffs";
  private static final String USER = TestTokens.authorization();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static HttpFunction function;
  private static Path dir;
  private static Invoker invoker;
  private static int port;

  /** What the invoker instantiates. */
  public static final class Served implements HttpFunction {
    @Override
    public void service(HttpRequest request, HttpResponse response) throws Exception {
      function.service(request, response);
    }
  }

  @BeforeAll
  static void start() throws Exception {
    dir = Files.createTempDirectory("api-docs-diffs");
    function = LocalApiDocs.start(dir, Config.of(TestTokens.withAuth(Map.of(
        "backend", Map.of("baseUrl", "http://127.0.0.1:9", "auth",
            Map.of("externalAccess", List.of(Map.of("type", "static", "options", Map.of("token", CI_TOKEN, "subject", "ci"))))),
        "blobStore", Map.of("folder", Map.of("path", dir.resolve("blobs").toString()))))));
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    invoker = new Invoker(port, Served.class.getName(), "http", Served.class.getClassLoader());
    invoker.startTestServer();
  }

  @AfterAll
  static void stop() throws Exception {
    invoker.stopServer();
  }

  private static java.net.http.HttpResponse<String> send(String method, String path, String authorization, String body) throws Exception {
    return HTTP.send(java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/api-docs" + path))
        .header("Authorization", authorization)
        .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
        BodyHandlers.ofString());
  }

  private static JsonNode json(java.net.http.HttpResponse<String> response, int status) throws Exception {
    assertEquals(status, response.statusCode(), response.body());
    return Json.MAPPER.readTree(response.body());
  }

  private static String publish(String api, String definition) throws Exception {
    return json(send("PUT", "/apis/default/" + api + "/definition", "Bearer " + CI_TOKEN, definition), 201).at("/version/version").asText();
  }

  private static String tasks(String statusSchema) {
    return "openapi: 3.1.0\ninfo: {title: Tasks, version: '1'}\npaths:\n  /tasks:\n    get:\n      parameters:\n"
        + "        - {name: status, in: query, schema: " + statusSchema + "}\n      responses: {'200': {description: ok}}\n"
        + "components:\n  schemas:\n    TaskStatusEnum: {type: string, enum: [todo, doing, done]}\n";
  }

  private static final String NARROWED = "{anyOf: [{$ref: '#/components/schemas/TaskStatusEnum'}, {type: 'null'}]}";

  @Test
  void theIssuesNarrowedQueryParameterIsBreakingInCheckAndDiff() throws Exception {
    String before = publish("tasks", tasks("{type: string}"));
    JsonNode check = json(send("POST", "/apis/default/tasks/check", "Bearer " + CI_TOKEN, tasks(NARROWED)), 200);
    assertTrue(check.path("breaking").asBoolean(), check.toString());
    assertEquals(before, check.path("against").asText());
    String after = publish("tasks", tasks(NARROWED));

    JsonNode diff = json(send("GET", "/apis/default/tasks/diff", USER, null), 200);
    assertEquals(List.of(true, "incompatible", "openapi", before, after), List.of(diff.path("breaking").asBoolean(),
        diff.path("result").asText(), diff.path("format").asText(), diff.path("from").asText(), diff.path("to").asText()));
    JsonNode change = diff.at("/changes/0");
    assertEquals(List.of("operation-changed", "GET", "/tasks", "GET /tasks", true), List.of(change.path("kind").asText(),
        change.path("method").asText(), change.path("path").asText(), change.path("subject").asText(), change.path("breaking").asBoolean()));
    assertEquals("request-parameter-became-enum", change.at("/findings/0/rule").asText());
    assertEquals("query parameter 'status'", change.at("/findings/0/at").asText());
    assertTrue(change.at("/details/0").asText().contains("now restricted to \"todo\", \"doing\", \"done\""), change.toString());

    String text = send("GET", "/apis/default/tasks/diff?as=text", USER, null).body();
    assertTrue(text.startsWith("BREAKING: 1 breaking change(s) in 1 of 1 changed operation(s)"), text);
    assertTrue(text.contains("✗ request-parameter-became-enum  query parameter 'status'"), text);
  }

  @Test
  void thePickerLearnsWhichConsecutiveVersionsBrokeSomething() throws Exception {
    String first = publish("picked", tasks("{type: string}"));
    String second = publish("picked", tasks("{type: string, description: any status}"));
    String third = publish("picked", tasks(NARROWED));
    JsonNode items = json(send("GET", "/apis/default/picked/changes", USER, null), 200).path("items");
    assertEquals(2, items.size());
    assertEquals(List.of(second, third, true, true, 1L), List.of(items.at("/0/from").asText(), items.at("/0/to").asText(),
        items.at("/0/compared").asBoolean(), items.at("/0/breaking").asBoolean(), items.at("/0/breakingCount").asLong()));
    assertEquals(List.of(first, second, false), List.of(items.at("/1/from").asText(), items.at("/1/to").asText(),
        items.at("/1/breaking").asBoolean()));
    // Computed once, then kept: the verdicts are in the blob store, and read back the same.
    try (Stream<Path> kept = Files.walk(dir.resolve("blobs"))) {
      assertEquals(2, kept.filter(p -> p.toString().contains("verdicts") && p.toString().contains("picked") && Files.isRegularFile(p)
          && !p.getFileName().toString().endsWith(".meta.json")).count());
    }
    assertEquals(items, json(send("GET", "/apis/default/picked/changes", USER, null), 200).path("items"));
  }

  @Test
  void asyncApiAndGraphqlVersionsAreDiffedToo() throws Exception {
    String streetlights = Specs.text("streetlights-asyncapi.yaml");
    publish("lights", streetlights);
    publish("lights", streetlights.replace("smartylighting/streetlights/1/0/event/{streetlightId}/lighting/measured",
        "smartylighting/streetlights/2/0/event/{streetlightId}/lighting/measured"));
    JsonNode async = json(send("GET", "/apis/default/lights/diff", USER, null), 200);
    assertTrue(async.path("breaking").asBoolean(), async.toString());
    assertEquals("asyncapi", async.path("format").asText());
    assertTrue(async.path("summary").asText().contains("channel-removed"), async.path("summary").asText());

    String bookshop = Specs.text("bookshop.graphql");
    publish("books", bookshop);
    publish("books", bookshop + "\ntype Shelf { id: ID! }\n");
    JsonNode graphql = json(send("GET", "/apis/default/books/diff", USER, null), 200);
    assertEquals(List.of(false, "graphql"), List.of(graphql.path("breaking").asBoolean(), graphql.path("format").asText()));
  }

  @Test
  void versionsOfDifferentFormatsAreNotCompared() throws Exception {
    publish("mixed", tasks("{type: string}"));
    publish("mixed", Specs.text("bookshop.graphql"));
    JsonNode refused = json(send("GET", "/apis/default/mixed/diff", USER, null), 422);
    assertTrue(refused.at("/error/message").asText().contains("only versions of the same format can be compared"), refused.toString());
    JsonNode items = json(send("GET", "/apis/default/mixed/changes", USER, null), 200).path("items");
    assertFalse(items.at("/0/compared").asBoolean());
  }

  @Test
  void definitionsNestedBeyondTheBudgetAreRefusedWith422() throws Exception {
    StringBuilder schemas = new StringBuilder();
    for (int i = 0; i < 100; i++) {
      schemas.append("    D").append(i).append(": {type: object, properties: {next: {$ref: '#/components/schemas/D").append(i + 1).append("'}}}\n");
    }
    String deep = "openapi: 3.1.0\ninfo: {title: Deep, version: '1'}\npaths:\n  /deep:\n    get:\n      responses:\n        '200':\n"
        + "          description: ok\n          content: {application/json: {schema: {$ref: '#/components/schemas/D0'}}}\n"
        + "components:\n  schemas:\n" + schemas + "    D100: {type: string}\n";
    publish("deep", deep);
    JsonNode refused = json(send("POST", "/apis/default/deep/check", USER, deep.replace("D100: {type: string}", "D100: {type: integer}")), 422);
    assertTrue(refused.at("/error/message").asText().contains("nested more than 64 levels"), refused.toString());
  }
}
