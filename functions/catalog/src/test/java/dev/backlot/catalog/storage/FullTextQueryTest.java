package dev.backlot.catalog.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.platform.Plugin;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.db.Database;
import dev.backlot.platform.http.Json;
import dev.backlot.platform.manifest.PluginManifest;
import dev.backlot.testing.DatabaseTest;
import dev.backlot.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Full-text queries answer exactly what Backstage's catalog answers on the same entities: an
 * entity matches when one of its values of the given fields holds the trimmed term as a
 * substring, ignoring case; it sorts by its least value of the sort field (entities without it
 * last), then by internal id. Every page of every shape is compared, walked by cursor position,
 * with a reference computed here from the entities themselves, on both databases, by plans that
 * walk the sort order first and give up after 400 rows (the default) or after 12. The same test ran green on
 * the query code before the query plan replaced it (commit 7cf2945), so both answer alike.
 */
class FullTextQueryTest {
  private static final PluginManifest MANIFEST = new PluginManifest("catalog", "x.C", "/api/catalog", true, false,
      List.of(), List.of(), "/healthcheck", List.of(), PluginManifest.Resources.DEFAULT);
  private static final String[] WORDS = {"Payments", "payments-api", "PAYMENTS ledger", "checkout", "Checkout payments", "search",
      "100% pay_ments!", "ledger", "pay"};
  private static final String[] KINDS = {"Component", "API", "System", "User", "Group"};

  @DatabaseTest
  void everyPageOfEveryTextQueryIsWhatBackstageAnswers(TestDatabase db) throws Exception {
    try (Database database = Database.connect(db.jdbcUrl())) {
      Plugin.withDatabase(MANIFEST, Config.empty(), database, FullTextQueryTest.class.getClassLoader());
      EntityStore store = new EntityStore(database);
      store.replace("test:full-text", entities(), true);
      Map<String, Long> ids = ids(database);
      List<ObjectNode> stored = store.list(EntityFilter.ALL, 10_000, 0);
      EntityQuery query = new EntityQuery(store);
      int shapes = 0;
      for (String term : List.of(" PAYMENTS ", "ments-", "%", "_", "zzz")) {
        for (List<String> fields : List.of(List.of("metadata.name"), List.of("metadata.name", "metadata.title"),
            List.of("metadata.tags"), List.of("metadata.title", "spec.profile.displayName"))) {
          for (String filter : List.of("", "kind=component", "kind=component,kind=api", "kind=component,spec.type=service")) {
            for (EntityQuery.Sort sort : Arrays.asList(null, new EntityQuery.Sort("metadata.name", true),
                new EntityQuery.Sort("metadata.title", false), new EntityQuery.Sort("metadata.tags", true))) {
              EntityFilter entityFilter = EntityFilter.parse(filter.isEmpty() ? List.of() : List.of(filter));
              EntityQuery.FullText text = new EntityQuery.FullText(term, fields);
              String shape = "'" + term + "' in " + fields + " filter " + filter + " sort " + sort;
              List<String> expected = reference(stored, ids, entityFilter, text, sort);
              assertEquals(expected, walk(query, QueryPlan.of(entityFilter, text, sort)), shape);
              assertEquals(expected, walk(query, QueryPlan.of(entityFilter, text, sort, 12)), shape + ", giving up walks after 12 rows");
              assertEquals(expected.size(), query.count(QueryPlan.of(entityFilter, text, null)), "count of " + shape);
              shapes++;
            }
          }
        }
      }
      assertEquals(320, shapes);
    }
  }

  /** Every page, 10 entities at a time, each starting after the last entity of the one before. */
  private static List<String> walk(EntityQuery query, QueryPlan plan) {
    return EntityPages.all(query, plan, 10).stream().map(e -> ref(e)).toList();
  }

  /** Backstage's answer, computed from the entities' search rows. */
  private static List<String> reference(List<ObjectNode> entities, Map<String, Long> ids, EntityFilter filter, EntityQuery.FullText text,
      EntityQuery.Sort sort) {
    String term = text.term().trim().toLowerCase(Locale.ROOT);
    List<String> keys = text.fields().stream().map(f -> f.toLowerCase(Locale.ROOT)).toList();
    record Match(String ref, long id, String sortValue) {}
    List<Match> matches = new ArrayList<>();
    for (ObjectNode entity : entities) {
      Map<String, List<String>> values = new HashMap<>();
      SearchRows.of(entity).forEach(row -> values.computeIfAbsent(row.key(), k -> new ArrayList<>()).add(row.value()));
      boolean textMatches = keys.stream().anyMatch(key -> values.getOrDefault(key, List.of()).stream().anyMatch(v -> v.contains(term)));
      if (textMatches && filter.matches(values)) {
        String sortValue = sort == null ? null : values.getOrDefault(sort.field(), List.of()).stream().min(Comparator.naturalOrder()).orElse(null);
        matches.add(new Match(ref(entity), ids.get(ref(entity)), sortValue));
      }
    }
    Comparator<Match> byId = Comparator.comparingLong(Match::id);
    Comparator<Match> order = sort == null ? byId
        : Comparator.comparing((Match m) -> m.sortValue() == null).thenComparing(
            (a, b) -> a.sortValue() == null ? 0 : a.sortValue().compareTo(b.sortValue()) * (sort.ascending() ? 1 : -1))
            .thenComparing(sort.ascending() ? byId : byId.reversed());
    return matches.stream().sorted(order).map(Match::ref).toList();
  }

  private static String ref(JsonNode entity) {
    return (entity.path("kind").asText() + ":default/" + entity.at("/metadata/name").asText()).toLowerCase(Locale.ROOT);
  }

  private static Map<String, Long> ids(Database database) throws Exception {
    Map<String, Long> ids = new HashMap<>();
    try (Connection connection = database.connection(); Statement select = connection.createStatement();
        ResultSet rows = select.executeQuery("SELECT entity_ref, id FROM final_entities")) {
      while (rows.next()) {
        ids.put(rows.getString(1), rows.getLong(2));
      }
    }
    return ids;
  }

  /** 240 entities of five kinds; names, titles, tags and display names drawn from words that overlap the terms. */
  private static List<ObjectNode> entities() {
    Random random = new Random(22);
    List<ObjectNode> entities = new ArrayList<>();
    for (int i = 0; i < 240; i++) {
      String kind = KINDS[random.nextInt(KINDS.length)];
      ObjectNode entity = Json.MAPPER.createObjectNode().put("apiVersion", "backstage.io/v1alpha1").put("kind", kind);
      ObjectNode metadata = entity.putObject("metadata").put("name", slug(WORDS[random.nextInt(WORDS.length)]) + "-" + i);
      if (random.nextInt(4) > 0) {
        metadata.put("title", WORDS[random.nextInt(WORDS.length)] + " " + i);
      }
      if (random.nextBoolean()) {
        metadata.putArray("tags").add(slug(WORDS[random.nextInt(WORDS.length)])).add(slug(WORDS[random.nextInt(WORDS.length)]));
      }
      ObjectNode spec = entity.putObject("spec").put("type", random.nextBoolean() ? "service" : "website");
      if (kind.equals("User")) {
        spec.putObject("profile").put("displayName", WORDS[random.nextInt(WORDS.length)] + " Person");
      }
      entities.add(entity);
    }
    return entities;
  }

  private static String slug(String word) {
    return word.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
  }
}
