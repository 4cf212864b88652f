package dev.backlot.catalog.permissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.catalog.model.EntityRef;
import dev.backlot.catalog.storage.EntityFilter;
import dev.backlot.catalog.storage.EntityPages;
import dev.backlot.catalog.storage.EntityQuery;
import dev.backlot.catalog.storage.EntityStore;
import dev.backlot.catalog.storage.QueryPlan;
import dev.backlot.platform.Plugin;
import dev.backlot.platform.auth.Identity;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.db.Database;
import dev.backlot.platform.http.Json;
import dev.backlot.platform.manifest.PluginManifest;
import dev.backlot.platform.permission.Decision;
import dev.backlot.platform.permission.PermissionCriteria;
import dev.backlot.testing.DatabaseTest;
import dev.backlot.testing.TestDatabase;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * For random entities and random condition trees over every catalog rule, what the SQL lets a
 * caller read (a list, every cursor page, the count, a facet) is exactly what evaluating the
 * rules on each entity in memory, as Backstage's rules' {@code apply} does, lets through: on
 * SQLite and PostgreSQL, 150 trees each, from a fixed seed (a failure names its tree).
 */
class ConditionalReadPropertyTest {
  private static final PluginManifest MANIFEST = new PluginManifest("catalog", "x.C", "/api/catalog", true, false,
      List.of(), List.of(), "/healthcheck", List.of(), PluginManifest.Resources.DEFAULT);
  private static final String[] KINDS = {"Component", "API", "System", "Group", "Resource"};
  private static final String[] OWNERS = {"group:default/team-a", "group:default/Team-B", "user:default/jdoe", "user:default/ann"};
  private static final String[] VALUES = {"Service", "service", "website", "LIBRARY", "prod", "dev"};
  private static final String[] ANNOTATIONS = {"backstage.io/source-location", "acme.io/tier", "github.com/project-slug"};
  private static final String[] LABELS = {"team", "env", "cost-center"};
  private static final String[] METADATA_KEYS = {"title", "tags", "description"};
  private static final String[] SPEC_KEYS = {"type", "lifecycle", "owner"};
  private static final Identity CALLER = new Identity(Identity.Kind.USER, "user:default/jdoe", List.of("user:default/jdoe", "group:default/team-a"));
  private static final int TREES = 150;

  @DatabaseTest
  void whatTheSqlLetsThroughIsWhatTheRulesLetThroughEntityByEntity(TestDatabase db) throws Exception {
    try (Database database = Database.connect(db.jdbcUrl())) {
      Plugin.withDatabase(MANIFEST, Config.empty(), database, getClass().getClassLoader());
      EntityStore store = new EntityStore(database);
      Random random = new Random(17);
      store.replace("test:property", entities(random, 120), true);
      List<ObjectNode> every = store.list(EntityFilter.ALL, 10_000, 0);
      assertEquals(120, every.size());
      EntityQuery query = new EntityQuery(store);
      int nonTrivial = 0;
      for (int i = 0; i < TREES; i++) {
        PermissionCriteria tree = tree(random, 0);
        EntityFilter asked = random.nextInt(3) == 0 ? EntityFilter.parse(List.of("kind=component")) : EntityFilter.ALL;
        EntityFilter readable = ReadableEntities.of(Decision.conditional("catalog", CatalogPermissions.RESOURCE_TYPE, tree), CALLER);
        String shape = "tree " + i + " " + tree.toJson() + " asking " + asked.toPredicate();
        List<String> expected = every.stream()
            .filter(entity -> asked == EntityFilter.ALL || entity.path("kind").asText().equals("Component"))
            .filter(entity -> allows(tree, entity)).map(ConditionalReadPropertyTest::ref).sorted().toList();
        EntityFilter filter = asked.and(readable);
        assertEquals(expected, store.list(filter, 10_000, 0).stream().map(ConditionalReadPropertyTest::ref).sorted().toList(), shape);
        assertEquals(expected.size(), query.count(QueryPlan.of(filter, null, null)), "count of " + shape);
        assertEquals(expected, pages(query, QueryPlan.of(filter, null, new EntityQuery.Sort("metadata.name", random.nextBoolean()))), "pages of " + shape);
        assertEquals(kindCounts(every, expected), facetCounts(store.facets(List.of("kind"), filter).get("kind")), "facets of " + shape);
        if (!expected.isEmpty() && expected.size() < every.size()) {
          nonTrivial++;
        }
      }
      assertTrue(nonTrivial > TREES / 3, "most trees let some entities through and keep others out: " + nonTrivial);
    }
  }

  /**
   * The two policies RHDH admins write most, which the catalog reads from the owner relation's
   * entities rather than by walking: every page in name order, both ways, and the count.
   */
  @DatabaseTest
  void ownedAndOwnedOrGroupPagesComeInNameOrderAndUnorderedPagesMissNone(TestDatabase db) throws Exception {
    try (Database database = Database.connect(db.jdbcUrl())) {
      Plugin.withDatabase(MANIFEST, Config.empty(), database, getClass().getClassLoader());
      EntityStore store = new EntityStore(database);
      store.replace("test:property", entities(new Random(23), 120), true);
      List<ObjectNode> every = store.list(EntityFilter.ALL, 10_000, 0);
      EntityQuery query = new EntityQuery(store);
      ObjectNode owner = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
      owner.putArray("claims").add("$ownerRefs");
      ObjectNode groups = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
      groups.putArray("kinds").add("group");
      PermissionCriteria owned = new PermissionCriteria.Condition("IS_ENTITY_OWNER", CatalogPermissions.RESOURCE_TYPE, owner);
      PermissionCriteria group = new PermissionCriteria.Condition("IS_ENTITY_KIND", CatalogPermissions.RESOURCE_TYPE, groups);
      for (PermissionCriteria tree : List.of(owned, new PermissionCriteria.AnyOf(List.of(owned, group)))) {
        assertNameOrderAndCount(query, every, tree, false);
        // Asking for components under "owned or a Group" leaves the Group alternative empty.
        assertNameOrderAndCount(query, every, tree, true);
        assertRefOrderPages(store, every, tree, false);
        assertRefOrderPages(store, every, tree, true);
      }
    }
  }

  private static void assertNameOrderAndCount(EntityQuery query, List<ObjectNode> every, PermissionCriteria tree, boolean components) {
    EntityFilter asked = components ? EntityFilter.parse(List.of("kind=component")) : EntityFilter.ALL;
    EntityFilter filter = asked.and(ReadableEntities.of(Decision.conditional("catalog", CatalogPermissions.RESOURCE_TYPE, tree), CALLER));
    List<ObjectNode> readable = every.stream().filter(entity -> allows(tree, entity))
        .filter(entity -> !components || entity.path("kind").asText().equals("Component")).toList();
    String shape = tree.toJson() + (components ? " asking for components" : "");
    assertTrue(readable.size() > 3 && readable.size() < every.size(), shape + " lets some through, more than a page");
    for (boolean ascending : List.of(true, false)) {
      // Names are unique here (entity-<n>), so name order is the whole order.
      Comparator<String> byName = ascending ? Comparator.naturalOrder() : Comparator.reverseOrder();
      List<String> names = readable.stream().map(entity -> entity.path("metadata").path("name").asText().toLowerCase(Locale.ROOT))
          .sorted(byName).toList();
      assertEquals(names, orderedNames(query, QueryPlan.of(filter, null, new EntityQuery.Sort("metadata.name", ascending))),
          shape + (ascending ? " ascending" : " descending"));
    }
    assertEquals(readable.size(), query.count(QueryPlan.of(filter, null, null)), "count of " + shape);
    assertEquals(readable.stream().map(ConditionalReadPropertyTest::ref).sorted().toList(), pages(query, QueryPlan.of(filter, null, null)),
        "unordered pages of " + shape);
  }

  /**
   * GET /entities without an order, 4 at a time by offset: what the rules let through of the
   * unfiltered list, in its order (the database's order of refs), none twice or missed.
   */
  private static void assertRefOrderPages(EntityStore store, List<ObjectNode> every, PermissionCriteria tree, boolean components) {
    EntityFilter asked = components ? EntityFilter.parse(List.of("kind=component")) : EntityFilter.ALL;
    EntityFilter filter = asked.and(ReadableEntities.of(Decision.conditional("catalog", CatalogPermissions.RESOURCE_TYPE, tree), CALLER));
    List<String> expected = every.stream().filter(entity -> allows(tree, entity))
        .filter(entity -> !components || entity.path("kind").asText().equals("Component")).map(ConditionalReadPropertyTest::ref).toList();
    List<String> served = new ArrayList<>();
    for (int offset = 0; offset <= expected.size(); offset += 4) {
      store.list(filter, 4, offset).forEach(entity -> served.add(ref(entity)));
    }
    assertEquals(expected, served, "ref order pages of " + tree.toJson() + (components ? " asking for components" : ""));
  }

  /** The lower-case names of every page, 3 at a time, in the order served. */
  private static List<String> orderedNames(EntityQuery query, QueryPlan plan) {
    return EntityPages.all(query, plan, 3).stream().map(entity -> entity.path("metadata").path("name").asText().toLowerCase(Locale.ROOT)).toList();
  }

  /** Every page, 7 at a time, by cursor position; refs sorted, none twice. */
  private static List<String> pages(EntityQuery query, QueryPlan plan) {
    List<String> refs = EntityPages.all(query, plan, 7).stream().map(ConditionalReadPropertyTest::ref).toList();
    assertEquals(refs.size(), new HashSet<>(refs).size(), "no entity on two pages");
    return refs.stream().sorted().toList();
  }

  private static Map<String, Long> kindCounts(List<ObjectNode> every, List<String> readable) {
    Map<String, Long> counts = new TreeMap<>();
    every.stream().filter(entity -> readable.contains(ref(entity))).forEach(entity -> counts.merge(entity.path("kind").asText(), 1L, Long::sum));
    return counts;
  }

  private static Map<String, Long> facetCounts(List<Map<String, Object>> facet) {
    Map<String, Long> counts = new TreeMap<>();
    facet.forEach(value -> counts.put((String) value.get("value"), (Long) value.get("count")));
    return counts;
  }

  private static String ref(JsonNode entity) {
    return EntityRef.of(entity).toString();
  }

  // --- the rules evaluated on one entity, as Backstage's apply() does ---

  static boolean allows(PermissionCriteria criteria, JsonNode entity) {
    return switch (criteria) {
      case PermissionCriteria.AllOf all -> all.criteria().stream().allMatch(c -> allows(c, entity));
      case PermissionCriteria.AnyOf any -> any.criteria().stream().anyMatch(c -> allows(c, entity));
      case PermissionCriteria.Not not -> !allows(not.criteria(), entity);
      case PermissionCriteria.Condition condition -> applies(condition.rule(), condition.params(), entity);
    };
  }

  private static boolean applies(String rule, ObjectNode params, JsonNode entity) {
    return switch (rule) {
      case "IS_ENTITY_KIND" -> strings(params.get("kinds")).stream().anyMatch(kind -> kind.equalsIgnoreCase(entity.path("kind").asText()));
      case "IS_ENTITY_OWNER" -> {
        List<String> claims = EntityRules.claims(strings(params.get("claims")), CALLER);
        boolean owned = false;
        for (JsonNode relation : entity.path("relations")) {
          owned |= relation.path("type").asText().equals("ownedBy")
              && claims.stream().anyMatch(claim -> claim.equalsIgnoreCase(relation.path("targetRef").asText()));
        }
        yield owned;
      }
      case "HAS_ANNOTATION" -> holds(entity.path("metadata").path("annotations").get(params.get("annotation").asText()), params.get("value"));
      case "HAS_LABEL" -> holds(entity.path("metadata").path("labels").get(params.get("label").asText()), null);
      case "HAS_METADATA" -> holds(entity.path("metadata").get(params.get("key").asText()), params.get("value"));
      case "HAS_SPEC" -> holds(entity.path("spec").get(params.get("key").asText()), params.get("value"));
      default -> throw new IllegalArgumentException(rule);
    };
  }

  /** A field is there (an array with an item), and holds the value if one is asked for (an array in one of its items), ignoring case. */
  private static boolean holds(JsonNode field, JsonNode value) {
    if (field == null || field.isNull() || field.isArray() && field.isEmpty()) {
      return false;
    }
    if (value == null) {
      return true;
    }
    if (field.isArray()) {
      for (JsonNode item : field) {
        if (item.asText().equalsIgnoreCase(value.asText())) {
          return true;
        }
      }
      return false;
    }
    return field.asText().equalsIgnoreCase(value.asText());
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(value -> values.add(value.asText()));
    return values;
  }

  // --- random entities and trees ---

  private static List<ObjectNode> entities(Random random, int count) {
    List<ObjectNode> entities = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ObjectNode entity = Json.object().put("apiVersion", "backstage.io/v1alpha1").put("kind", pick(random, KINDS));
      ObjectNode metadata = entity.putObject("metadata").put("name", "entity-" + i);
      maybe(random, () -> metadata.put("title", pick(random, VALUES)));
      maybe(random, () -> metadata.put("description", pick(random, VALUES)));
      maybe(random, () -> {
        ArrayNode tags = metadata.putArray("tags");
        for (int t = random.nextInt(3); t >= 0; t--) {
          tags.add(pick(random, VALUES).toLowerCase(Locale.ROOT));
        }
      });
      maybe(random, () -> {
        ObjectNode annotations = metadata.putObject("annotations");
        for (String annotation : ANNOTATIONS) {
          maybe(random, () -> annotations.put(annotation, pick(random, VALUES)));
        }
      });
      maybe(random, () -> {
        ObjectNode labels = metadata.putObject("labels");
        for (String label : LABELS) {
          maybe(random, () -> labels.put(label, pick(random, VALUES)));
        }
      });
      ObjectNode spec = entity.putObject("spec");
      maybe(random, () -> spec.put("type", pick(random, VALUES)));
      maybe(random, () -> spec.put("lifecycle", pick(random, VALUES)));
      maybe(random, () -> spec.put("owner", pick(random, OWNERS)));
      entities.add(entity);
    }
    return entities;
  }

  private static PermissionCriteria tree(Random random, int depth) {
    int shape = depth >= 3 ? 3 : random.nextInt(6);
    return switch (shape) {
      case 0 -> new PermissionCriteria.AllOf(children(random, depth));
      case 1 -> new PermissionCriteria.AnyOf(children(random, depth));
      case 2 -> new PermissionCriteria.Not(tree(random, depth + 1));
      default -> condition(random);
    };
  }

  private static List<PermissionCriteria> children(Random random, int depth) {
    List<PermissionCriteria> children = new ArrayList<>();
    for (int c = random.nextInt(3); c >= 0; c--) {
      children.add(tree(random, depth + 1));
    }
    return children;
  }

  private static PermissionCriteria condition(Random random) {
    ObjectNode params = Json.object();
    String rule = pick(random, new String[] {"IS_ENTITY_KIND", "IS_ENTITY_OWNER", "HAS_ANNOTATION", "HAS_LABEL", "HAS_METADATA", "HAS_SPEC"});
    switch (rule) {
      case "IS_ENTITY_KIND" -> params.putArray("kinds").add(pick(random, KINDS).toLowerCase(Locale.ROOT)).add(pick(random, KINDS));
      case "IS_ENTITY_OWNER" -> params.putArray("claims").add(pick(random, new String[] {"$currentUser", "$ownerRefs", "group:default/team-b",
          "user:default/ann"}));
      case "HAS_ANNOTATION" -> valued(random, params.put("annotation", pick(random, ANNOTATIONS)));
      case "HAS_LABEL" -> params.put("label", pick(random, LABELS));
      case "HAS_METADATA" -> valued(random, params.put("key", pick(random, METADATA_KEYS)));
      default -> valued(random, params.put("key", pick(random, SPEC_KEYS)));
    }
    return new PermissionCriteria.Condition(rule, CatalogPermissions.RESOURCE_TYPE, params);
  }

  private static void valued(Random random, ObjectNode params) {
    if (random.nextBoolean()) {
      params.put("value", random.nextInt(4) == 0 ? pick(random, OWNERS) : pick(random, VALUES).toUpperCase(Locale.ROOT));
    }
  }

  private static String pick(Random random, String[] values) {
    return values[random.nextInt(values.length)];
  }

  private static void maybe(Random random, Runnable action) {
    if (random.nextBoolean()) {
      action.run();
    }
  }
}
