package dev.backlot.catalog.bench;

import dev.backlot.catalog.permissions.CatalogPermissions;
import dev.backlot.catalog.permissions.ReadableEntities;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.catalog.storage.EntityFilter;
import dev.backlot.catalog.storage.EntityOrder;
import dev.backlot.catalog.storage.EntityQuery;
import dev.backlot.catalog.storage.EntityStore;
import dev.backlot.catalog.storage.QueryPlan;
import dev.backlot.catalog.storage.Replacement;
import dev.backlot.platform.Plugin;
import dev.backlot.platform.auth.Identity;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.db.Database;
import dev.backlot.platform.http.Json;
import dev.backlot.platform.manifest.PluginManifest;
import dev.backlot.platform.permission.Decision;
import dev.backlot.platform.permission.PermissionCriteria;
import dev.backlot.testing.PostgresServers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What a conditional read policy costs a catalog page, on PostgreSQL at 100k entities (or the
 * sizes given): each read shape with no policy, then under three policies RHDH users write,
 * p50/p95 over 100 runs after 30 of warm-up, and the ratio of the p50s. Storage level (no HTTP),
 * so the ratio is that of the SQL alone. Run: see docs/performance.md. As with {@link CatalogBenchmark},
 * {@code BACKLOT_BENCH_KEEP_DATABASE=1} keeps the ingested catalog and {@code BACKLOT_BENCH_DATABASE=<jdbc url>}
 * measures it again without ingesting (migrating it first, as a deployment would).
 */
public final class ConditionalReadBenchmark {
  private static final String[] KINDS = {"Component", "Component", "Component", "Component", "Component", "Component", "API", "API", "Resource", "System"};
  private static final int GROUPS = 1000;

  public static void main(String[] args) throws Exception {
    dev.backlot.platform.logging.Logging.configure();
    int size = args.length == 0 ? 100_000 : Integer.parseInt(args[0]);
    String kept = System.getenv("BACKLOT_BENCH_DATABASE");
    PostgresServers.Created created = kept == null ? PostgresServers.shared().createDatabase() : null;
    String jdbcUrl = kept == null ? created.database().jdbcUrl() : kept;
    try (Database database = Database.connect(jdbcUrl, new java.util.Properties(), 4)) {
      PluginManifest manifest = new PluginManifest("catalog", "x", "/api/catalog", true, false, List.of(), List.of(),
          "/healthcheck", List.of(), PluginManifest.Resources.DEFAULT);
      Plugin.withDatabase(manifest, Config.empty(), database, ConditionalReadBenchmark.class.getClassLoader());
      EntityStore store = new EntityStore(database);
      long start = System.nanoTime();
      if (kept == null) {
        ingest(store, size);
      }
      // As autovacuum would have by the time anyone reads: statistics for the planner.
      try (java.sql.Connection connection = database.connection(); java.sql.Statement statement = connection.createStatement()) {
        statement.execute("VACUUM ANALYZE");
      }
      System.out.printf("Conditional reads · PostgreSQL · %s in %.0f s · %d cores%n%n",
          kept == null ? String.format("%,d entities ingested", size) : "catalog kept in " + kept + " migrated and analysed",
          (System.nanoTime() - start) / 1e9, Runtime.getRuntime().availableProcessors());
      Identity caller = new Identity(Identity.Kind.USER, "user:default/jdoe",
          List.of("user:default/jdoe", "group:default/group-1", "group:default/group-2", "group:default/group-3"));
      Map<String, EntityFilter> policies = new LinkedHashMap<>();
      policies.put("none", EntityFilter.ALL);
      policies.put("owner ($ownerRefs)", readable(condition("IS_ENTITY_OWNER", "claims", "$ownerRefs"), caller));
      policies.put("owner or kind group", readable(new PermissionCriteria.AnyOf(List.of(condition("IS_ENTITY_OWNER", "claims", "$ownerRefs"),
          condition("IS_ENTITY_KIND", "kinds", "Group"))), caller));
      policies.put("kind component or api", readable(condition("IS_ENTITY_KIND", "kinds", "Component", "API"), caller));
      EntityQuery query = new EntityQuery(store);
      EntityFilter components = EntityFilter.parse(List.of("kind=component"));
      Map<String, java.util.function.Function<EntityFilter, Supplier<Object>>> shapes = new LinkedHashMap<>();
      // Counts are kept per catalog generation (EntityQuery); each person's policy is a count of
      // its own, so the first page with its count is measured as a person's first look: counted.
      shapes.put("by-query first page + count, by name, limit 20", p -> () -> new EntityQuery(store).pageAndCount(QueryPlan.of(p, null,
          new EntityQuery.Sort("metadata.name", true)), 20));
      shapes.put("by-query kind=component, by name, limit 20", p -> () -> new EntityQuery(store).pageAndCount(QueryPlan.of(components.and(p), null,
          new EntityQuery.Sort("metadata.name", true)), 20));
      shapes.put("by-query unordered, limit 20", p -> () -> query.page(QueryPlan.of(p, null, null), null, 20));
      shapes.put("GET /entities?limit=20", p -> () -> store.list(p, new EntityOrder(List.of()), 20, 0));
      shapes.put("facets kind=component spec.type", p -> () -> store.facets(List.of("spec.type"), components.and(p)));
      for (var shape : shapes.entrySet()) {
        double base = 0;
        for (var policy : policies.entrySet()) {
          double[] times = measure(shape.getValue().apply(policy.getValue()));
          if (policy.getKey().equals("none")) {
            base = times[0];
          }
          System.out.printf("  %-50s %-24s p50 %7.2f ms  p95 %7.2f ms  %5.2fx%n", shape.getKey(), policy.getKey(), times[0], times[1], times[0] / base);
        }
      }
    } finally {
      if (created != null && System.getenv("BACKLOT_BENCH_KEEP_DATABASE") == null) {
        created.drop();
      } else if (created != null) {
        System.out.println("kept database (BACKLOT_BENCH_DATABASE=" + jdbcUrl + " measures it again)");
      }
    }
  }

  private static EntityFilter readable(PermissionCriteria criteria, Identity caller) {
    return ReadableEntities.of(Decision.conditional("catalog", CatalogPermissions.RESOURCE_TYPE, criteria), caller);
  }

  private static PermissionCriteria condition(String rule, String param, String... values) {
    ObjectNode params = Json.object();
    Arrays.stream(values).forEach(params.putArray(param)::add);
    return new PermissionCriteria.Condition(rule, CatalogPermissions.RESOURCE_TYPE, params);
  }

  private static double[] measure(Supplier<Object> read) {
    for (int i = 0; i < 30; i++) {
      read.get();
    }
    double[] times = new double[100];
    for (int i = 0; i < times.length; i++) {
      long start = System.nanoTime();
      read.get();
      times[i] = (System.nanoTime() - start) / 1e6;
    }
    Arrays.sort(times);
    return new double[] {times[49], times[94]};
  }

  private static void ingest(EntityStore store, int size) {
    Random random = new Random(42);
    try (Replacement replacement = store.replacing("bench:conditional", false)) {
      List<ObjectNode> batch = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        boolean group = i < GROUPS;
        String kind = group ? "Group" : KINDS[random.nextInt(KINDS.length)];
        ObjectNode entity = Json.object().put("apiVersion", "backstage.io/v1alpha1").put("kind", kind);
        entity.putObject("metadata").put("name", kind.toLowerCase() + "-" + i).put("title", "Entity " + i)
            .putArray("tags").add(random.nextBoolean() ? "java" : "go");
        ObjectNode spec = entity.putObject("spec").put("type", group ? "team" : random.nextBoolean() ? "service" : "library");
        if (!group) {
          spec.put("owner", "group:default/group-" + random.nextInt(GROUPS)).put("lifecycle", "production");
        }
        batch.add(entity);
        if (batch.size() == 2000) {
          replacement.add(null, batch);
          batch = new ArrayList<>();
        }
      }
      replacement.add(null, batch);
      replacement.finish(true, Set.of(), List.of(), null);
    }
  }
}
