package dev.backlot.catalog.permissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlot.platform.auth.ServiceTokens;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.permission.ApplyConditionsRequest;
import dev.backlot.testing.DatabaseTest;
import dev.backlot.testing.PermissionServer;
import dev.backlot.testing.TestDatabase;
import dev.backlot.testing.TestTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Backstage's apply-conditions route of the catalog, on each database, through the real invoker:
 * who may call it, what it refuses, and that each entity of a batch is ALLOW or DENY as a
 * conditional list would show it or not.
 */
class ApplyConditionsTest {
  static final String OWNED_BY_TEAM_A = """
      {"rule":"IS_ENTITY_OWNER","resourceType":"catalog-entity","params":{"claims":["group:default/team-a"]}}""";
  static final String GROUPS = """
      {"rule":"IS_ENTITY_KIND","resourceType":"catalog-entity","params":{"kinds":["group"]}}""";

  final CatalogPermissionsTest catalog = new CatalogPermissionsTest();

  static String service(String name) {
    return ServiceTokens.fromConfig(Config.of(TestTokens.withAuth(Map.of())), name).authorizationFor("catalog");
  }

  static String item(String id, String ref, String conditions) {
    return "{\"id\":\"" + id + "\",\"resourceRef\":\"" + ref + "\",\"resourceType\":\"catalog-entity\",\"conditions\":" + conditions + "}";
  }

  static String batch(String... items) {
    return "{\"items\":[" + String.join(",", items) + "]}";
  }

  JsonNode apply(String authorization, String body, int status) throws Exception {
    return catalog.json("POST", ApplyConditionsRequest.PATH, authorization, body, status);
  }

  @DatabaseTest
  void onlyThePermissionServiceMayApplyConditionsSoNoOneProbesEntitiesWithConditionsOfTheirOwn(TestDatabase db) throws Exception {
    try (PermissionServer permissions = PermissionServer.start()) {
      catalog.withCatalog(db, permissions, store -> {
        String body = batch(item("1", "component:default/checkout", GROUPS));
        apply(catalog.jdoe, body, 403);
        apply(catalog.ann, body, 403);
        apply(service("github"), body, 403);
        apply(service("scheduler"), body, 403);
        apply(service("permission"), body, 200);
      });
    }
  }

  @DatabaseTest
  void malformedBatchesAreRefusedNamingTheField(TestDatabase db) throws Exception {
    try (PermissionServer permissions = PermissionServer.start()) {
      catalog.withCatalog(db, permissions, store -> {
        String permission = service("permission");
        assertTrue(apply(permission, "{}", 400).at("/error/message").asText().contains("'items'"));
        assertEquals("Unexpected resource types: api-definition.", apply(permission, batch(
            "{\"id\":\"1\",\"resourceRef\":\"x\",\"resourceType\":\"api-definition\",\"conditions\":" + GROUPS + "}"), 400).at("/error/message").asText());
        assertTrue(apply(permission, batch(item("1", "component:default/a", GROUPS), item("1", "component:default/b", GROUPS)), 400)
            .at("/error/message").asText().contains("items[1].id"));
        assertTrue(apply(permission, batch(item("1", "component:default/a", "{\"anyOf\":[]}")), 400)
            .at("/error/message").asText().contains("items[0].conditions"));
        String unknownRule = "{\"rule\":\"IS_SECRET\",\"resourceType\":\"catalog-entity\",\"params\":{}}";
        JsonNode refused = apply(permission, batch(item("1", "component:default/a", GROUPS), item("2", "component:default/a", unknownRule)), 400);
        assertTrue(refused.at("/error/message").asText().contains("items[1].conditions") && refused.at("/error/message").asText().contains("IS_SECRET"),
            refused.toString());
        String badParams = "{\"rule\":\"IS_ENTITY_KIND\",\"resourceType\":\"catalog-entity\",\"params\":{\"kinds\":\"group\"}}";
        assertTrue(apply(permission, batch(item("1", "component:default/a", badParams)), 400).at("/error/message").asText().contains("kinds"));
        List<String> tooMany = new ArrayList<>();
        for (int i = 0; i <= ApplyConditionsRequest.MAX_ITEMS; i++) {
          tooMany.add(item(String.valueOf(i), "component:default/a", GROUPS));
        }
        assertTrue(apply(permission, batch(tooMany.toArray(String[]::new)), 400).at("/error/message").asText().contains("500"));
        List<String> manyTrees = new ArrayList<>();
        for (int i = 0; i <= 20; i++) {
          manyTrees.add(item(String.valueOf(i), "component:default/a",
              "{\"rule\":\"HAS_LABEL\",\"resourceType\":\"catalog-entity\",\"params\":{\"label\":\"l" + i + "\"}}"));
        }
        assertTrue(apply(permission, batch(manyTrees.toArray(String[]::new)), 400).at("/error/message").asText().contains("different conditions"));
      });
    }
  }

  @DatabaseTest
  void eachEntityOfABatchIsAllowedExactlyWhenItsConditionsMatchAndAMissingOneIsDenied(TestDatabase db) throws Exception {
    try (PermissionServer permissions = PermissionServer.start()) {
      catalog.withCatalog(db, permissions, store -> {
        JsonNode answer = apply(service("permission"), batch(
            item("a", "component:default/payments", OWNED_BY_TEAM_A),
            item("b", "component:default/checkout", OWNED_BY_TEAM_A),
            item("c", "Component:Default/Payments", OWNED_BY_TEAM_A),
            item("d", "component:default/no-such-thing", OWNED_BY_TEAM_A),
            item("e", "not a ref at all::", OWNED_BY_TEAM_A),
            item("f", "group:default/team-a", GROUPS),
            item("g", "component:default/payments", GROUPS),
            item("h", "component:default/checkout", "{\"not\":" + OWNED_BY_TEAM_A + "}"),
            item("i", "system:default/shop", "{\"anyOf\":[" + OWNED_BY_TEAM_A + "," + GROUPS + "]}")), 200);
        List<String> results = new ArrayList<>();
        answer.get("items").forEach(item -> results.add(item.get("id").asText() + "=" + item.get("result").asText()));
        assertEquals(List.of("a=ALLOW", "b=DENY", "c=ALLOW", "d=DENY", "e=DENY", "f=ALLOW", "g=DENY", "h=ALLOW", "i=DENY"), results);
      });
    }
  }
}
