package dev.backlot.catalog.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class EntityModelTest {
  private static ObjectNode entity(String yaml) {
    return EntityDocuments.parse(yaml, "test.yaml").get(0);
  }

  private static final String COMPONENT = """
      apiVersion: backstage.io/v1alpha1
      kind: Component
      metadata:
        name: Checkout-Service
        namespace: shop
        tags: [java, grpc]
        labels: {acme.com/tier: gold}
        annotations: {github.com/project-slug: acme/checkout}
        links: [{url: https://grafana.example.com, title: Dashboard}]
      spec:
        type: service
        lifecycle: production
        owner: payments-team
        system: default/payments
        providesApis: [payments-api]
        consumesApis: [api:other/product-api]
        dependsOn: [resource:payments-db]
      """;

  @Test
  void refsDefaultKindAndNamespaceAndPrintLowerCase() {
    assertEquals("group:shop/payments-team", EntityRef.parse("payments-team", "Group", "shop").toString());
    assertEquals("api:other/Product-API".toLowerCase(), EntityRef.parse("API:other/Product-API", null, "x").toString());
    assertEquals("component:default/a", EntityRef.parse("component:a", null, null).toString());
    IllegalArgumentException noKind = assertThrows(IllegalArgumentException.class, () -> EntityRef.parse("default/a", null, "default"));
    assertTrue(noKind.getMessage().contains("missing or empty kind"), noKind.getMessage());
    assertThrows(IllegalArgumentException.class, () -> EntityRef.parse("component:", null, null));
    assertThrows(IllegalArgumentException.class, () -> EntityRef.parse("a/b/c", "Component", null));
  }

  @Test
  void documentsAreParsedSafely() {
    assertEquals(2, EntityDocuments.parse("---\napiVersion: a/b\nkind: X\n---\n---\n{\"apiVersion\": \"a/b\", \"kind\": \"Y\"}\n", "f").size());
    InvalidEntityException alias = assertThrows(InvalidEntityException.class,
        () -> EntityDocuments.parse("a: &x [1, 2]\nb: *x\n", "f.yaml"));
    assertTrue(alias.getMessage().contains("aliases"), alias.getMessage());
    InvalidEntityException tag = assertThrows(InvalidEntityException.class,
        () -> EntityDocuments.parse("a: !!java.io.File /etc/passwd\n", "f.yaml"));
    assertTrue(tag.getMessage().contains("tags"), tag.getMessage());
    InvalidEntityException broken = assertThrows(InvalidEntityException.class,
        () -> EntityDocuments.parse("kind: A\n---\nkind: B\nspec: [unclosed\nx: 1\n", "f.yaml"));
    assertTrue(broken.getMessage().contains("line") && broken.getMessage().contains("document 2"), broken.getMessage());
    assertThrows(InvalidEntityException.class, () -> EntityDocuments.parse("a: 1\na: 2\n", "f.yaml"));
    assertThrows(InvalidEntityException.class, () -> EntityDocuments.parse("- just\n- a list\n", "f.yaml"));
    assertThrows(InvalidEntityException.class, () -> EntityDocuments.parse("---\nkind: A\n".repeat(1001), "f.yaml"));
  }

  @Test
  void aliasAmplificationInACatalogFileIsRefusedAtItsFirstAlias() {
    // api-docs' 308-byte, 66-alias bomb (4 million values once expanded) as a catalog file: the
    // reader takes events one at a time and stops at the first alias, before expanding anything.
    StringBuilder yaml = new StringBuilder("apiVersion: backstage.io/v1alpha1\nkind: Component\nspec:\n  x:\n  - &a [a]\n");
    for (char level = 'b'; level <= 'g'; level++) {
      yaml.append("  - &").append(level).append(" [").append(String.join(",", Collections.nCopies(11, "*" + (char) (level - 1))))
          .append("]\n");
    }
    InvalidEntityException e = assertThrows(InvalidEntityException.class, () -> EntityDocuments.parse(yaml.toString(), "catalog-info.yaml"));
    assertEquals("catalog-info.yaml: YAML aliases (*a) are not supported, at line 6 (document 1)", e.getMessage());
  }

  @Test
  void aValidComponentPassesEveryRule() {
    assertEquals(List.of(), EntityValidator.validate(entity(COMPONENT)));
  }

  @Test
  void invalidEntitiesAreReportedAtTheField() {
    assertProblem(COMPONENT.replace("name: Checkout-Service", "name: checkout service!"),
        "\"metadata.name\" is not valid; expected a string that is sequences of [a-zA-Z0-9] separated by any of [-_.], at most 63 characters in total but found \"checkout service!\"");
    assertProblem(COMPONENT.replace("  owner: payments-team\n", ""), "/spec must have required property 'owner'");
    assertProblem(COMPONENT.replace("type: service", "type: 7"), "/spec/type must be string");
    assertProblem(COMPONENT.replace("kind: Component", "kind: Widget"), "Unsupported kind \"widget\"");
    assertProblem(COMPONENT.replace("backstage.io/v1alpha1", "backstage.io/v2"), "Unsupported apiVersion \"backstage.io/v2\"");
    assertProblem(COMPONENT.replace("namespace: shop", "namespace: Shop_1"), "\"metadata.namespace\" is not valid");
    assertProblem(COMPONENT.replace("tags: [java, grpc]", "tags: [Java]"), "\"metadata.tags\" is not valid");
    assertProblem(COMPONENT.replace("acme.com/tier: gold", "acme.com/: gold"), "\"metadata.labels\" is not valid");
    assertProblem(COMPONENT.replace("{url: https://grafana.example.com, title: Dashboard}", "{title: Dashboard}"), "\"metadata.links[0].url\" is required");
    assertProblem(COMPONENT + "extra: true\n", "unknown root field \"extra\"");
    assertProblem(COMPONENT.replace("providesApis: [payments-api]", "providesApis: payments-api"), "/spec/providesApis must be array");
    assertProblem("apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: {name: g}\nspec: {type: team}\n", "/spec must have required property 'children'");
    assertProblem("apiVersion: backstage.io/v1alpha1\nkind: API\nmetadata: {name: a}\nspec: {type: openapi, lifecycle: x, owner: y}\n",
        "/spec must have required property 'definition'");
    assertProblem("apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata: {name: l}\nspec: {type: url}\n",
        "/spec must have required property 'target' or 'targets'");
  }

  @Test
  void aLinkThatWouldRunScriptInTheReadersBrowserMakesTheEntityInvalid() {
    // Spelled as browsers still read them: any case, control characters and spaces before the
    // scheme, tabs and newlines inside it (YAML double quotes carry the escapes).
    for (String url : List.of("javascript:alert(document.cookie)", "JaVaScRiPt:alert(1)", "\" \\u0001\\u001fjavascript:alert(1)\"",
        "\"java\\tscr\\nipt:alert(1)\"", "\"data:text/html,<script>alert(1)</script>\"", "VBScript:msgbox(1)")) {
      assertProblem(COMPONENT.replace("{url: https://grafana.example.com, title: Dashboard}", "{url: " + url + ", title: Dashboard}"),
          "\"metadata.links[0].url\" is not valid; expected a URL whose scheme is not javascript, data or vbscript");
    }
    for (String url : List.of("mailto:team@acme.example", "slack://channel?id=C1", "/docs/payments", "https://wiki.acme.example/javascript:")) {
      assertEquals(List.of(), EntityValidator.validate(entity(COMPONENT.replace("https://grafana.example.com", "\"" + url + "\""))), url);
    }
  }

  private static void assertProblem(String yaml, String expected) {
    List<String> problems = EntityValidator.validate(entity(yaml));
    assertTrue(problems.stream().anyMatch(p -> p.contains(expected)), () -> "expected '" + expected + "' in " + problems);
  }

  @Test
  void relationsAreEmittedBothWaysWithBackstagesDefaults() {
    List<Relation> relations = EntityRelations.of(entity(COMPONENT));
    String self = "component:shop/checkout-service";
    assertTrue(relations.contains(new Relation(self, "ownedBy", "group:shop/payments-team")));
    assertTrue(relations.contains(new Relation("group:shop/payments-team", "ownerOf", self)));
    assertTrue(relations.contains(new Relation(self, "partOf", "system:default/payments")));
    assertTrue(relations.contains(new Relation(self, "providesApi", "api:shop/payments-api")));
    assertTrue(relations.contains(new Relation("api:other/product-api", "apiConsumedBy", self)));
    assertTrue(relations.contains(new Relation(self, "dependsOn", "resource:shop/payments-db")));
    assertTrue(relations.contains(new Relation("resource:shop/payments-db", "dependencyOf", self)));
    assertEquals(10, relations.size());

    List<Relation> group = EntityRelations.of(entity(
        "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: {name: team}\nspec: {type: team, parent: org, children: [sub], members: [ada]}\n"));
    assertTrue(group.contains(new Relation("group:default/team", "childOf", "group:default/org")));
    assertTrue(group.contains(new Relation("group:default/org", "parentOf", "group:default/team")));
    assertTrue(group.contains(new Relation("group:default/team", "parentOf", "group:default/sub")));
    assertTrue(group.contains(new Relation("user:default/ada", "memberOf", "group:default/team")));
    List<Relation> user = EntityRelations.of(entity(
        "apiVersion: backstage.io/v1alpha1\nkind: User\nmetadata: {name: ada}\nspec: {memberOf: [team]}\n"));
    assertEquals(List.of(new Relation("user:default/ada", "memberOf", "group:default/team"),
        new Relation("group:default/team", "hasMember", "user:default/ada")), user);
  }

  @Test
  void theEtagFollowsContentOnly() {
    ObjectNode a = entity(COMPONENT);
    ObjectNode reordered = entity(COMPONENT.replace("  type: service\n  lifecycle: production\n", "  lifecycle: production\n  type: service\n"));
    assertNotEquals(a.toString(), reordered.toString());
    assertEquals(EntityEtag.of(a), EntityEtag.of(reordered), "key order is not content");
    ObjectNode withUid = a.deepCopy();
    ((ObjectNode) withUid.get("metadata")).put("uid", "x").put("etag", "y");
    assertEquals(EntityEtag.of(a), EntityEtag.of(withUid), "uid and etag are not content");
    assertNotEquals(EntityEtag.of(a), EntityEtag.of(entity(COMPONENT.replace("lifecycle: production", "lifecycle: deprecated"))));
  }

  @Test
  void plainScalarsAreTypedAsYaml12DoesLikeBackstage() {
    ObjectNode entity = EntityDocuments.parse("""
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata:
          name: x
          annotations: {a/yes: yes, a/on: On, a/no: No, a/true: "true", a/grouped: 1_000, a/leading: 017}
          labels: {hex: "0x1F"}
        spec: {type: service, lifecycle: off, owner: team, size: 0x1F, ratio: 1.5, flag: true, none: ~}
        """, "test").get(0);
    assertEquals("{\"a/yes\":\"yes\",\"a/on\":\"On\",\"a/no\":\"No\",\"a/true\":\"true\",\"a/grouped\":\"1_000\",\"a/leading\":17}",
        entity.at("/metadata/annotations").toString());
    assertEquals("{\"type\":\"service\",\"lifecycle\":\"off\",\"owner\":\"team\",\"size\":31,\"ratio\":1.5,\"flag\":true,\"none\":null}",
        entity.get("spec").toString());
  }
}
