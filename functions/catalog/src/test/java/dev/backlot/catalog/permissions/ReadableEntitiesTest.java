package dev.backlot.catalog.permissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.catalog.storage.EntityFilter;
import dev.backlot.platform.auth.Identity;
import dev.backlot.platform.http.Json;
import dev.backlot.platform.permission.Decision;
import dev.backlot.platform.permission.PermissionCriteria;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A policy the catalog cannot apply lets nothing through; aliases become the caller's refs. */
class ReadableEntitiesTest {
  static final Identity JDOE = new Identity(Identity.Kind.USER, "user:default/jdoe", List.of("user:default/jdoe", "group:default/team-a"));

  static EntityFilter readable(PermissionCriteria criteria) {
    return ReadableEntities.of(Decision.conditional("catalog", "catalog-entity", criteria), JDOE);
  }

  static PermissionCriteria condition(String rule, String resourceType, ObjectNode params) {
    return new PermissionCriteria.Condition(rule, resourceType, params);
  }

  @Test
  void allowReadsEverythingAndDenyNothing() {
    assertSame(EntityFilter.ALL, ReadableEntities.of(Decision.ALLOW, JDOE));
    assertSame(EntityFilter.NONE, ReadableEntities.of(Decision.DENY, JDOE));
  }

  @Test
  void aRuleTheCatalogDoesNotHaveParamsThatDoNotFitOrAnotherResourceTypeLetNothingThrough() {
    // Attack surface: a policy typo must not turn into "no condition", which would read everything.
    assertSame(EntityFilter.NONE, readable(condition("IS_ENTITY_TYPO", "catalog-entity", Json.object())));
    assertSame(EntityFilter.NONE, readable(condition("IS_ENTITY_KIND", "catalog-entity", Json.object().put("kinds", "component"))));
    assertSame(EntityFilter.NONE, readable(condition("HAS_LABEL", "catalog-entity", Json.object())));
    assertSame(EntityFilter.NONE, readable(new PermissionCriteria.AnyOf(List.of(
        condition("IS_ENTITY_KIND", "catalog-entity", kinds("group")), condition("HAS_LABEL", "scaffolder-template", Json.object().put("label", "x"))))));
  }

  @Test
  void currentUserAndOwnerRefsStandForTheCallersRefs() {
    assertEquals(List.of("user:default/jdoe", "user:default/jdoe", "group:default/team-a", "group:default/other"),
        EntityRules.claims(List.of("$currentUser", "$ownerRefs", "group:default/other"), JDOE));
    EntityFilter owned = readable(condition("IS_ENTITY_OWNER", "catalog-entity", claims("$ownerRefs")));
    assertEquals(EntityFilter.valueOf("relations.ownedBy", List.of("user:default/jdoe", "group:default/team-a")).toPredicate(), owned.toPredicate());
  }

  @Test
  void rulesBecomeTheCatalogsOwnFilters() {
    assertEquals("{\"$any\":[{\"kind\":\"group\"},{\"$not\":{\"metadata.annotations.backstage.io/source-location\":{\"$exists\":true}}},"
        + "{\"spec.type\":\"service\"}]}", readable(new PermissionCriteria.AnyOf(List.of(
            condition("IS_ENTITY_KIND", "catalog-entity", kinds("Group")),
            new PermissionCriteria.Not(condition("HAS_ANNOTATION", "catalog-entity", Json.object().put("annotation", "backstage.io/source-location"))),
            condition("HAS_SPEC", "catalog-entity", Json.object().put("key", "type").put("value", "Service"))))).toPredicate().toString());
  }

  static ObjectNode kinds(String... kinds) {
    ObjectNode params = Json.object();
    for (String kind : kinds) {
      params.withArray("kinds").add(kind);
    }
    return params;
  }

  static ObjectNode claims(String... claims) {
    ObjectNode params = Json.object();
    for (String claim : claims) {
      params.withArray("claims").add(claim);
    }
    return params;
  }
}
