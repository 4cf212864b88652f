package dev.backlot.permission.bench;

import dev.backlot.permission.FunctionUnderTest;
import dev.backlot.permission.rbac.Caller;
import dev.backlot.permission.rbac.PermissionQuery;
import dev.backlot.permission.rbac.PolicyCsv;
import dev.backlot.permission.rbac.RbacRules;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * {@code POST /api/permission/authorize} with a batch of 10 permission requests against 1,000
 * policies (100 roles of 10 lines each, the user in 3 groups under 2 ancestors holding 5 of the
 * roles), through the real invoker over loopback, after a warm-up; prints p50 and p95 of the
 * round trip, and of the rules alone deciding the same 10 in-process. The catalog's answer is
 * cached after the first request (as it is for 10 s in production), so the figures are the
 * permission function's own cost. Run with a JDBC URL as the first argument to use PostgreSQL
 * (its tables are emptied), else a SQLite file: {@code ./backlot bench permission [jdbc-url]}.
 */
public final class AuthorizeBenchmark {
  private static final int ROUNDS = 2000;
  private static final int WARM_UP = 500;

  public static void main(String[] args) throws Exception {
    String jdbcUrl = args.length > 0 ? args[0] : null;
    StringBuilder csv = new StringBuilder();
    String[] objects = {"catalog-entity", "catalog.entity.read", "catalog.entity.delete", "catalog.location.create", "catalog.location.read",
        "api-docs.definition.publish", "github.org-sync.run", "scaffolder-template", "kubernetes.proxy", "catalog.entity.refresh"};
    String[] actions = {"read", "read", "delete", "create", "read", "create", "use", "read", "use", "use"};
    for (int role = 0; role < 100; role++) {
      for (int line = 0; line < 10; line++) {
        csv.append("p, role:default/role-").append(role).append(", ").append(objects[line]).append(", ").append(actions[line])
            .append(", ").append((role + line) % 7 == 0 ? "deny" : "allow").append('\n');
      }
      csv.append("g, group:default/group-").append(role).append(", role:default/role-").append(role).append('\n');
    }
    StringBuilder items = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      boolean resource = objects[i].contains(".entity.") || i == 0;
      items.append(i == 0 ? "" : ",").append("{\"id\":\"").append(i).append("\",\"permission\":{\"type\":\"")
          .append(resource ? "resource" : "basic").append("\",\"name\":\"").append(i == 0 ? "catalog.entity.read" : objects[i])
          .append("\",\"attributes\":{").append(actions[i].equals("use") ? "" : "\"action\":\"" + actions[i] + "\"").append("}")
          .append(resource ? ",\"resourceType\":\"catalog-entity\"" : "").append("}}");
    }
    String body = "{\"items\":[" + items + "]}";
    try (FunctionUnderTest permission = new FunctionUnderTest(csv.toString(), jdbcUrl)) {
      permission.catalog.user("user:default/jdoe", "group:default/group-1", "group:default/group-2", "group:default/group-3")
          .group("group:default/group-1", "group:default/group-10").group("group:default/group-2", "group:default/group-10")
          .group("group:default/group-3", "group:default/group-20").group("group:default/group-10").group("group:default/group-20");
      String user = FunctionUnderTest.user("user:default/jdoe");
      HttpResponse<String> first = permission.send("POST", "/authorize", user, body);
      if (first.statusCode() != 200) {
        throw new IllegalStateException(first.statusCode() + " " + first.body());
      }
      long[] http = new long[ROUNDS];
      for (int i = -WARM_UP; i < ROUNDS; i++) {
        long start = System.nanoTime();
        HttpResponse<String> response = permission.send("POST", "/authorize", user, body);
        long took = System.nanoTime() - start;
        if (response.statusCode() != 200) {
          throw new IllegalStateException(response.statusCode() + " " + response.body());
        }
        if (i >= 0) {
          http[i] = took;
        }
      }
      PolicyCsv.Parsed parsed = PolicyCsv.parse(csv.toString(), "bench.csv");
      RbacRules rules = new RbacRules(parsed.policies(), parsed.members(), List.of(), List.of());
      Caller caller = new Caller("user:default/jdoe", Set.of("group:default/group-1", "group:default/group-2", "group:default/group-3",
          "group:default/group-10", "group:default/group-20"), List.of("user:default/jdoe"));
      List<PermissionQuery> queries = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        queries.add(i == 0 || objects[i].contains(".entity.")
            ? PermissionQuery.resource(i == 0 ? "catalog.entity.read" : objects[i], "catalog-entity", actions[i].equals("use") ? null : actions[i])
            : PermissionQuery.basic(objects[i], actions[i].equals("use") ? null : actions[i]));
      }
      long[] engine = new long[ROUNDS * 10];
      int sink = 0;
      for (int i = -WARM_UP * 10; i < engine.length; i++) {
        long start = System.nanoTime();
        for (PermissionQuery query : queries) {
          sink += rules.decide(caller, query).hashCode();
        }
        if (i >= 0) {
          engine[i] = System.nanoTime() - start;
        }
      }
      System.out.printf("authorize, batch of 10, %d policies, %d roles, %s, %d cores, %d rounds after %d warm-up (%s)%n",
          parsed.policies().size(), 100, jdbcUrl == null ? "SQLite" : "PostgreSQL", Runtime.getRuntime().availableProcessors(), ROUNDS, WARM_UP,
          first.body().substring(0, Math.min(80, first.body().length())));
      System.out.printf("  HTTP round trip through the invoker: p50 %.2f ms, p95 %.2f ms%n", ms(http, 50), ms(http, 95));
      System.out.printf("  rules alone, 10 decisions:           p50 %.1f µs, p95 %.1f µs (%d)%n", ms(engine, 50) * 1000, ms(engine, 95) * 1000, sink & 1);
    }
    // The catalog stand-in's HttpServer dispatcher was seen to outlive stop(0) and keep the JVM,
    // and with it ./backlot bench, waiting after the figures were printed.
    System.exit(0);
  }

  private static double ms(long[] nanos, int percentile) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return sorted[Math.min(sorted.length - 1, sorted.length * percentile / 100)] / 1e6;
  }
}
