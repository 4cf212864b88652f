package dev.backlot.scaffolder.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlot.platform.http.Json;
import dev.backlot.scaffolder.FunctionUnderTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Attacks through file names and paths: a template (anyone who can register one) or a dry run's
 * files must not read or write outside the task's workspace.
 */
class PathTraversalTest {
  private static FunctionUnderTest scaffolder;
  private static final Path VICTIM = Path.of(System.getProperty("java.io.tmpdir"), "scaffolder-victim-" + ProcessHandle.current().pid() + ".txt");

  @BeforeAll
  static void start() throws Exception {
    scaffolder = new FunctionUnderTest();
    Files.deleteIfExists(VICTIM);
  }

  @AfterAll
  static void stop() throws Exception {
    scaffolder.close();
    Files.deleteIfExists(VICTIM);
  }

  private static JsonNode dryRun(String steps, Map<String, byte[]> files, int expectedStatus) throws Exception {
    var response = scaffolder.send("POST", "/v2/dry-run", "user:default/mallory",
        DryRunRoutesTest.body(DryRunRoutesTest.template(steps, "{}"), "{\"name\": \"n\"}", files).toString());
    assertEquals(expectedStatus, response.statusCode(), response.body());
    return Json.MAPPER.readTree(response.body());
  }

  private static void refusedStep(String steps, Map<String, byte[]> files) throws Exception {
    JsonNode answer = dryRun(steps, files, 200);
    assertTrue(answer.path("error").asText().contains("outside its parent") || answer.path("error").asText().contains("outside the workspace"),
        answer.toString());
    assertFalse(Files.exists(VICTIM), "nothing was written outside the workspace");
  }

  private static String victimFromWorkspace() {
    // The workspace is a folder in the temporary directory: enough ../ reach it from anywhere below.
    return "../".repeat(12) + VICTIM.toString().substring(1);
  }

  @Test
  void aTargetPathOutsideTheWorkspaceIsRefused() throws Exception {
    refusedStep("[{\"id\": \"w\", \"action\": \"catalog:write\", \"input\": {\"filePath\": \"" + victimFromWorkspace() + "\", \"entity\": {}}}]", Map.of());
    refusedStep("[{\"id\": \"w\", \"action\": \"catalog:write\", \"input\": {\"filePath\": \"" + VICTIM + "\", \"entity\": {}}}]", Map.of());
    refusedStep("[{\"id\": \"f\", \"action\": \"fetch:template\", \"input\": {\"url\": \"./s\", \"targetPath\": \"../..\"}}]",
        Map.of("s/x.txt", "x".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aSkeletonPathThatRendersOutsideIsRefused() throws Exception {
    refusedStep("[{\"id\": \"f\", \"action\": \"fetch:template\", \"input\": {\"url\": \"./s\", \"values\": {\"up\": \"" + victimFromWorkspace() + "\"}}}]",
        Map.of("s/${{ values.up }}", "pwned".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void renameAndDeleteCannotReachOutside() throws Exception {
    Files.writeString(VICTIM, "keep me");
    try {
      JsonNode rename = dryRun("[{\"id\": \"r\", \"action\": \"fs:rename\", \"input\": {\"files\": [{\"from\": \"" + victimFromWorkspace() + "\", \"to\": \"stolen.txt\"}]}}]",
          Map.of(), 200);
      assertTrue(rename.path("error").asText().contains("outside its parent"), rename.toString());
      JsonNode delete = dryRun("[{\"id\": \"d\", \"action\": \"fs:delete\", \"input\": {\"files\": [\"" + victimFromWorkspace() + "\"]}}]", Map.of(), 200);
      assertTrue(delete.path("error").asText().contains("outside its parent"), delete.toString());
      assertEquals("keep me", Files.readString(VICTIM));
    } finally {
      Files.deleteIfExists(VICTIM);
    }
  }

  @Test
  void directoryContentsWithTraversingOrAbsolutePathsAreRefused() throws Exception {
    for (String path : new String[] {"../../etc/passwd", "/etc/passwd", "a/../../b"}) {
      JsonNode answer = dryRun("[]", Map.of(path, "x".getBytes(StandardCharsets.UTF_8)), 400);
      assertEquals("InputError", answer.path("error").path("name").asText(), answer.toString());
    }
  }

  @Test
  void fetchUrlsCannotLeaveTheTemplatesFilesOrReachTheNetwork() throws Exception {
    for (String url : new String[] {"../secrets", "file:///etc", "https://evil.test/x", "/etc"}) {
      JsonNode answer = dryRun("[{\"id\": \"p\", \"action\": \"fetch:plain\", \"input\": {\"url\": \"" + url + "\"}}]", Map.of(), 200);
      assertTrue(answer.path("error").asText().contains("outside its parent") || answer.path("error").asText().contains("Only paths relative"),
          answer.toString());
    }
  }
}
