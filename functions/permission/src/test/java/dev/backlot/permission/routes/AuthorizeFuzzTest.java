package dev.backlot.permission.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.backlot.permission.CatalogStandIn;
import dev.backlot.permission.PermissionFunction;
import dev.backlot.permission.TestPermissionPlugin;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.db.Database;
import dev.backlot.platform.http.Json;
import dev.backlot.testing.FuzzSeeds;
import dev.backlot.testing.InProcessHttp;
import dev.backlot.testing.TestTokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Any body a signed-in user sends to {@code POST /authorize} is answered with a decision per item
 * or refused with a 4xx naming what is wrong; never a 5xx, never a decision for an item it did not ask.
 */
class AuthorizeFuzzTest {
  private static final Set<String> RESULTS = Set.of("ALLOW", "DENY", "CONDITIONAL");
  private static final String USER = "Bearer " + TestTokens.userToken("user:default/jdoe");
  private static CatalogStandIn catalog;
  private static PermissionFunction permission;

  @BeforeAll
  static void start() throws Exception {
    catalog = new CatalogStandIn().user("user:default/jdoe", "group:default/team-a").group("group:default/team-a");
    Path dir = Files.createTempDirectory("permission-fuzz");
    Path csv = Files.writeString(dir.resolve("rbac.csv"), """
        g, group:default/team-a, role:default/viewer
        p, role:default/viewer, catalog-entity, read, allow
        p, role:default/viewer, catalog.entity.read, read, deny
        p, role:default/viewer, kubernetes.proxy, use, allow
        """);
    permission = TestPermissionPlugin.function(Config.of(TestTokens.withAuth(Map.of("backend", Map.of("baseUrl", catalog.baseUrl()),
        "permission", Map.of("rbac", Map.of("policies-csv-file", csv.toString()))))), Database.connect("jdbc:sqlite:" + dir.resolve("p.sqlite")));
    InProcessHttp.quietLogs();
  }

  @AfterAll
  static void stop() {
    catalog.close();
  }

  static Stream<byte[]> bodies() {
    return FuzzSeeds.texts(
        "{\"items\":[{\"id\":\"1\",\"permission\":{\"type\":\"resource\",\"name\":\"catalog.entity.read\",\"attributes\":{\"action\":\"read\"},"
            + "\"resourceType\":\"catalog-entity\"}},{\"id\":\"2\",\"permission\":{\"type\":\"basic\",\"name\":\"kubernetes.proxy\",\"attributes\":{}}}]}",
        "{\"items\":[{\"id\":\"1\",\"permission\":{\"type\":\"basic\",\"name\":\"x\",\"attributes\":{\"action\":null}},\"resourceRef\":null}]}",
        "{\"items\":[]}", "[]", "{\"items\":[{}]}", "\"items\"");
  }

  @MethodSource("bodies")
  @FuzzTest
  @SuppressWarnings("try") // The scope that allows loopback connections is used only by being open.
  void anyBodyIsDecidedPerItemOrRefusedAsBadInput(byte[] body) throws Exception {
    InProcessHttp.Answer answer;
    // The user's groups come from the catalog stand-in on loopback.
    try (var loopback = BugDetectors.allowNetworkConnections((host, port) -> host.equals("localhost") || host.equals("127.0.0.1"))) {
      answer = InProcessHttp.send(permission, "POST", "/api/permission/authorize", Map.of(),
          Map.of("Content-Type", "application/json", "Authorization", USER), body);
    }
    if (answer.status() >= 500) {
      throw new AssertionError("answered " + answer.status() + ": " + answer.text(), answer.logged());
    }
    if (answer.status() != 200) {
      assertEquals("InputError", Json.MAPPER.readTree(answer.text()).at("/error/name").asText(), answer.text());
      return;
    }
    JsonNode asked = Json.MAPPER.readTree(body).get("items");
    JsonNode items = Json.MAPPER.readTree(answer.text()).get("items");
    assertEquals(asked.size(), items.size(), answer.text());
    for (int i = 0; i < items.size(); i++) {
      assertEquals(asked.get(i).get("id").asText(), items.get(i).get("id").asText());
      if (!RESULTS.contains(items.get(i).get("result").asText())) {
        throw new AssertionError("no decision: " + items.get(i));
      }
    }
  }
}
