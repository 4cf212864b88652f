package dev.backlot.scaffolder.routes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.platform.http.Json;
import dev.backlot.scaffolder.FunctionUnderTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code POST /v2/dry-run} under the real invoker: skeletons rendered as Backstage renders them, nothing published. */
class DryRunRoutesTest {
  private static final String ALICE = "user:default/alice";
  private static FunctionUnderTest scaffolder;

  @BeforeAll
  static void start() throws Exception {
    scaffolder = new FunctionUnderTest();
    scaffolder.catalog.add(Json.MAPPER.readTree("{\"apiVersion\":\"backstage.io/v1alpha1\",\"kind\":\"User\",\"metadata\":{\"name\":\"alice\"},"
        + "\"spec\":{\"profile\":{\"displayName\":\"Alice\"}}}"));
  }

  @AfterAll
  static void stop() throws Exception {
    scaffolder.close();
  }

  static String template(String steps, String output) {
    return """
        {"apiVersion": "scaffolder.backstage.io/v1beta3", "kind": "Template",
         "metadata": {"name": "demo", "title": "Demo"},
         "spec": {"owner": "group:default/team-a", "type": "service",
           "parameters": [{"title": "Name", "required": ["name"], "properties": {"name": {"type": "string"}}}],
           "steps": %s, "output": %s}}""".formatted(steps, output);
  }

  static ObjectNode body(String template, String values, Map<String, byte[]> files) throws Exception {
    ObjectNode body = Json.object();
    body.set("template", Json.MAPPER.readTree(template));
    body.set("values", Json.MAPPER.readTree(values));
    body.putObject("secrets").put("token", "s3cr3t-value");
    ArrayNode contents = body.putArray("directoryContents");
    files.forEach((path, content) -> contents.addObject().put("path", path).put("base64Content", Base64.getEncoder().encodeToString(content)));
    return body;
  }

  static Map<String, String> produced(JsonNode answer) {
    Map<String, String> files = new HashMap<>();
    for (JsonNode file : answer.path("directoryContents")) {
      files.put(file.path("path").asText(), new String(Base64.getDecoder().decode(file.path("base64Content").asText()), StandardCharsets.UTF_8));
    }
    return files;
  }

  private static JsonNode dryRun(ObjectNode body, int expectedStatus) throws Exception {
    var response = scaffolder.send("POST", "/v2/dry-run", ALICE, body.toString());
    assertEquals(expectedStatus, response.statusCode(), response.body());
    return Json.MAPPER.readTree(response.body());
  }

  @Test
  void aSkeletonIsRenderedInContentsAndPathsWithCopiedAndLeftOutFiles() throws Exception {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, (byte) 0xff, '$', '{', '{'};
    Map<String, byte[]> files = new HashMap<>();
    files.put("skeleton/README.md", "# ${{ values.name }}\nby ${{ values.owner }}\n".getBytes(StandardCharsets.UTF_8));
    files.put("skeleton/src/${{ values.name }}.txt", "name=${{ values.name | upper }}".getBytes(StandardCharsets.UTF_8));
    files.put("skeleton/{% if values.withCi %}ci.yaml{% endif %}", "ci".getBytes(StandardCharsets.UTF_8));
    files.put("skeleton/.github/workflows/build.yaml", "run: ${{ github.sha }}".getBytes(StandardCharsets.UTF_8));
    files.put("skeleton/logo.png", png);
    String steps = """
        [{"id": "fetch", "name": "Fetch", "action": "fetch:template", "input": {"url": "./skeleton",
           "copyWithoutTemplating": [".github/workflows/*"],
           "values": {"name": "${{ parameters.name }}", "owner": "${{ user.ref }}", "withCi": false}}},
         {"id": "write", "action": "catalog:write", "input": {"entity": {"apiVersion": "backstage.io/v1alpha1", "kind": "Component",
           "metadata": {"name": "${{ parameters.name }}"}, "spec": {"owner": "${{ user.entity.metadata.name }}"}}}},
         {"id": "log", "action": "debug:log", "input": {"message": "token is ${{ secrets.token }}", "listWorkspace": true}},
         {"id": "never", "if": "${{ parameters.name === 'other' }}", "action": "debug:log", "input": {"message": "not run"}}]""";
    Set<Path> workspacesBefore = workspaces();
    JsonNode answer = dryRun(body(template(steps, "{\"links\": [{\"title\": \"Repo\", \"url\": \"https://example.test/${{ parameters.name }}\"}], "
        + "\"leak\": \"${{ secrets.token }}\"}"),
        "{\"name\": \"billing\"}", files), 200);

    Map<String, String> produced = produced(answer);
    assertEquals("# billing\nby user:default/alice\n", produced.get("README.md"));
    assertEquals("name=BILLING", produced.get("src/billing.txt"));
    assertEquals("run: ${{ github.sha }}", produced.get(".github/workflows/build.yaml"), "copied without templating");
    assertFalse(produced.containsKey("ci.yaml"), "a path rendered empty is left out");
    assertTrue(produced.get("catalog-info.yaml").contains("name: billing") && produced.get("catalog-info.yaml").contains("owner: alice"),
        produced.get("catalog-info.yaml"));
    byte[] copiedPng = answer.path("directoryContents").findParents("path").stream().filter(f -> f.path("path").asText().equals("logo.png"))
        .findFirst().map(f -> Base64.getDecoder().decode(f.path("base64Content").asText())).orElseThrow();
    assertArrayEquals(png, copiedPng, "binary files byte for byte");
    assertEquals("https://example.test/billing", answer.path("output").path("links").path(0).path("url").asText());
    assertEquals("***", answer.path("output").path("leak").asText(), "secrets are hidden in the output too");
    String log = answer.path("log").toString();
    assertTrue(log.contains("token is ***"), log);
    assertFalse(log.contains("s3cr3t-value"), "secrets never reach the log");
    assertTrue(log.contains("Skipping step never because its if condition was false"), log);
    assertEquals(4, answer.path("steps").size());
    assertEquals(workspacesBefore, workspaces(), "the workspace is deleted");
  }

  /** The scaffolder workspaces in the temporary folder: compared before and after, as other runs may leave theirs. */
  private static Set<Path> workspaces() throws IOException {
    try (Stream<Path> all = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return all.filter(p -> p.getFileName().toString().startsWith("backlot-scaffolder-")).collect(Collectors.toSet());
    }
  }

  @Test
  void templateFileExtensionRendersOnlyThoseFilesAndDropsTheExtension() throws Exception {
    Map<String, byte[]> files = Map.of("skeleton/a.txt.njk", "${{ values.x }}".getBytes(StandardCharsets.UTF_8),
        "skeleton/b.txt", "${{ values.x }}".getBytes(StandardCharsets.UTF_8));
    String steps = "[{\"id\": \"f\", \"action\": \"fetch:template\", \"input\": {\"url\": \"./skeleton\", \"templateFileExtension\": true, \"values\": {\"x\": 1}}}]";
    Map<String, String> produced = produced(dryRun(body(template(steps, "{}"), "{\"name\": \"n\"}", files), 200));
    assertEquals(Map.of("a.txt", "1", "b.txt", "${{ values.x }}"), produced);
  }

  @Test
  void renameDeleteAndPlainFetchWorkInTheWorkspace() throws Exception {
    Map<String, byte[]> files = Map.of("plain/a.txt", "A ${{ x }}".getBytes(StandardCharsets.UTF_8), "plain/b.txt", "B".getBytes(StandardCharsets.UTF_8),
        "one.txt", "one".getBytes(StandardCharsets.UTF_8));
    String steps = """
        [{"id": "p", "action": "fetch:plain", "input": {"url": "./plain", "targetPath": "out"}},
         {"id": "f", "action": "fetch:plain:file", "input": {"url": "./one.txt", "targetPath": "out/one.txt"}},
         {"id": "r", "action": "fs:rename", "input": {"files": [{"from": "out/a.txt", "to": "renamed/a.txt"}]}},
         {"id": "d", "action": "fs:delete", "input": {"files": ["out/b.txt"]}}]""";
    Map<String, String> produced = produced(dryRun(body(template(steps, "{}"), "{\"name\": \"n\"}", files), 200));
    assertEquals(Map.of("renamed/a.txt", "A ${{ x }}", "out/one.txt", "one"), produced);
  }

  @Test
  void fetchTemplateFileRendersOneFileAndKeepsAnExistingOneUnlessReplace() throws Exception {
    String steps = """
        [{"id": "a", "action": "fetch:template:file", "input": {"url": "./files/README.md", "targetPath": "docs/README.md", "values": {"name": "${{ parameters.name }}"}}},
         {"id": "b", "action": "fetch:template:file", "input": {"url": "./files/other.md", "targetPath": "docs/README.md"}},
         {"id": "c", "action": "fetch:template:file", "input": {"url": "./files/other.md", "targetPath": "kept.md"}},
         {"id": "d", "action": "fetch:template:file", "input": {"url": "./files/README.md", "targetPath": "kept.md", "replace": true}}]""";
    Map<String, byte[]> files = Map.of("files/README.md", "# ${{ values.name }}".getBytes(StandardCharsets.UTF_8),
        "files/other.md", "other".getBytes(StandardCharsets.UTF_8));
    Map<String, String> produced = produced(dryRun(body(template(steps, "{}"), "{\"name\": \"billing\"}", files), 200));
    assertEquals(Map.of("docs/README.md", "# billing", "kept.md", "# "), produced);
  }

  @Test
  void anUnknownActionFailsBeforeAnyStepRuns() throws Exception {
    String steps = "[{\"id\": \"a\", \"action\": \"catalog:write\", \"input\": {\"entity\": {}}}, {\"id\": \"b\", \"action\": \"no:such\"}]";
    JsonNode answer = dryRun(body(template(steps, "{}"), "{}", Map.of()), 400);
    assertEquals("Template action with ID 'no:such' is not registered.", answer.path("error").path("message").asText());
  }

  @Test
  void aFailingStepNamesTheStepInputKeyAndExpression() throws Exception {
    String steps = "[{\"id\": \"greet\", \"action\": \"debug:log\", \"input\": {\"message\": \"${{ parameters.name | nosuch }}\"}}]";
    JsonNode answer = dryRun(body(template(steps, "{}"), "{\"name\": \"n\"}", Map.of()), 200);
    assertEquals("Step 'greet' input 'message': unknown filter 'nosuch' in '${{ parameters.name | nosuch }}'", answer.path("error").asText());
    assertTrue(answer.path("log").toString().contains("\"status\":\"failed\""), answer.path("log").toString());
  }

  @Test
  void inputThatDoesNotMatchTheActionsSchemaFailsTheStep() throws Exception {
    String steps = "[{\"id\": \"f\", \"action\": \"fetch:template\", \"input\": {\"values\": {}}}]";
    JsonNode answer = dryRun(body(template(steps, "{}"), "{}", Map.of()), 200);
    assertTrue(answer.path("error").asText().startsWith("Invalid input passed to action fetch:template"), answer.path("error").asText());
  }

  @Test
  void eachRunsTheActionPerItem() throws Exception {
    String steps = "[{\"id\": \"w\", \"each\": \"${{ parameters.names }}\", \"action\": \"catalog:write\", "
        + "\"input\": {\"filePath\": \"${{ each.value }}.yaml\", \"entity\": {\"index\": \"${{ each.key }}\"}}}]";
    Map<String, String> produced = produced(dryRun(body(template(steps, "{}"), "{\"names\": [\"a\", \"b\"]}", Map.of()), 200));
    assertEquals(Map.of("a.yaml", "index: \"0\"\n", "b.yaml", "index: \"1\"\n"), produced);
  }

  @Test
  void catalogRegisterIsSkippedInADryRunWithItsExampleOutput() throws Exception {
    String steps = "[{\"id\": \"register\", \"action\": \"catalog:register\", \"input\": {\"catalogInfoUrl\": \"https://github.com/acme/x/blob/main/catalog-info.yaml\"}}]";
    JsonNode answer = dryRun(body(template(steps, "{\"ref\": \"${{ steps.register.output.entityRef }}\"}"), "{}", Map.of()), 200);
    assertEquals("component:default/example", answer.path("output").path("ref").asText(), answer.toString());
    assertTrue(answer.path("log").toString().contains("Skipping because catalog:register does not support dry-run"), answer.toString());
    assertTrue(scaffolder.catalog.registered.isEmpty(), "a dry run registers nothing");
  }

  @Test
  void catalogFetchReadsEntitiesByRefWithDefaults() throws Exception {
    String steps = """
        [{"id": "one", "action": "catalog:fetch", "input": {"entityRef": "alice", "defaultKind": "User"}},
         {"id": "many", "action": "catalog:fetch", "input": {"entityRefs": ["user:default/alice", "user:default/nobody"], "optional": true}}]""";
    JsonNode answer = dryRun(body(template(steps, "{\"name\": \"${{ steps.one.output.entity.spec.profile.displayName }}\", "
        + "\"found\": \"${{ steps.many.output.entities | length }}\", \"second\": \"${{ steps.many.output.entities[1] }}\"}"), "{}", Map.of()), 200);
    assertEquals("Alice", answer.path("output").path("name").asText(), answer.toString());
    assertEquals(2, answer.path("output").path("found").asInt());
    assertTrue(answer.path("output").path("second").isNull(), answer.toString());
    String missing = "[{\"id\": \"f\", \"action\": \"catalog:fetch\", \"input\": {\"entityRef\": \"user:default/nobody\"}}]";
    assertEquals("Entity user:default/nobody not found", dryRun(body(template(missing, "{}"), "{}", Map.of()), 200).path("error").asText());
  }

  @Test
  void placeholdersInTheTemplateAreReadFromTheSentFiles() throws Exception {
    ObjectNode body = body(template("[{\"id\": \"w\", \"action\": \"catalog:write\", \"input\": {\"entity\": {\"$yaml\": \"./entity.yaml\"}}}]",
        "{\"text\": {\"$text\": \"./notes.txt\"}, \"json\": {\"$json\": \"./data.json\"}}"), "{}",
        Map.of("entity.yaml", "kind: Component\nmetadata: {name: from-yaml}\n".getBytes(StandardCharsets.UTF_8),
            "notes.txt", "plain text".getBytes(StandardCharsets.UTF_8), "data.json", "{\"n\": 1}".getBytes(StandardCharsets.UTF_8)));
    JsonNode answer = dryRun(body, 200);
    assertEquals("plain text", answer.path("output").path("text").asText(), answer.toString());
    assertEquals(1, answer.path("output").path("json").path("n").asInt());
    assertTrue(produced(answer).get("catalog-info.yaml").contains("name: from-yaml"), answer.toString());
    ObjectNode escaping = body(template("[]", "{\"x\": {\"$text\": \"../../etc/passwd\"}}"), "{}", Map.of());
    assertEquals(400, scaffolder.send("POST", "/v2/dry-run", ALICE, escaping.toString()).statusCode());
  }

  @Test
  void theActionListHasEachActionsSchemas() throws Exception {
    var response = scaffolder.send("GET", "/v2/actions", ALICE, null);
    assertEquals(200, response.statusCode());
    JsonNode actions = Json.MAPPER.readTree(response.body());
    JsonNode fetch = actions.findParents("id").stream().filter(a -> a.path("id").asText().equals("fetch:template")).findFirst().orElseThrow();
    assertEquals(JsonNode.class.cast(Json.MAPPER.readTree("[\"url\"]")), fetch.path("schema").path("input").path("required"));
    assertEquals(401, scaffolder.send("GET", "/v2/actions", null, null).statusCode());
  }
}
