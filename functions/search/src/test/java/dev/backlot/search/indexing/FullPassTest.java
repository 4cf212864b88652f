package dev.backlot.search.indexing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlot.platform.db.Database;
import dev.backlot.platform.db.Dialect;
import dev.backlot.platform.http.Json;
import dev.backlot.search.TestSearchPlugin;
import dev.backlot.search.collate.Collator;
import dev.backlot.search.engine.Highlights;
import dev.backlot.search.engine.SearchDocument;
import dev.backlot.search.engine.SearchEngine;
import dev.backlot.search.engine.SearchQuery;
import dev.backlot.search.engine.Term;
import dev.backlot.search.storage.IndexRuns;
import dev.backlot.testing.DatabaseTest;
import dev.backlot.testing.MovableClock;
import dev.backlot.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The full pass stops at its time budget and the next call resumes from the stored cursor, on both databases. */
class FullPassTest {
  /** A source of numbered documents read in order; every read takes 10 s of the movable clock. */
  static final class Numbered implements Collator {
    final List<String> keys = new ArrayList<>();
    final List<String> cursorsRead = new ArrayList<>();
    final MovableClock clock;

    Numbered(MovableClock clock, int count) {
      this.clock = clock;
      for (int i = 0; i < count; i++) {
        keys.add("component:default/n" + i);
      }
    }

    @Override
    public String type() {
      return "software-catalog";
    }

    @Override
    public Batch read(String cursor, int size) {
      cursorsRead.add(cursor);
      clock.advance(Duration.ofSeconds(10));
      int from = cursor == null ? 0 : Integer.parseInt(cursor);
      int to = Math.min(keys.size(), from + size);
      List<SearchDocument> documents = keys.subList(from, to).stream().map(key -> new SearchDocument(type(), key,
          Json.object().put("title", key).put("text", "numbered").put("location", "/catalog/x"), Map.of(), key)).toList();
      return new Batch(documents, to >= keys.size() ? null : Integer.toString(to));
    }

    @Override
    public Refreshed refresh(Collection<String> keys) {
      return new Refreshed(List.of(), List.copyOf(keys));
    }
  }

  @DatabaseTest
  void aSourceThatFailsKeepsItsDocumentsAndDoesNotHoldBackTheOthers(TestDatabase db) throws Exception {
    Database database = TestSearchPlugin.empty(Database.connect(db.jdbcUrl()));
    MovableClock clock = new MovableClock(Instant.parse("2026-12-07T12:00:00Z"));
    SearchEngine engine = SearchEngine.on(database, Highlights.DEFAULT);
    IndexRuns runs = new IndexRuns(database, clock);
    engine.upsert(List.of(new SearchDocument("api-definition", "api:default/kept#GET /x", Json.object().put("title", "GET /x")
        .put("text", "kept").put("location", "/x"), Map.of(), null)), 0);
    Collator failing = new Collator() {
      @Override
      public String type() {
        return "api-definition";
      }

      @Override
      public Batch read(String cursor, int size) throws java.io.IOException {
        throw new java.io.IOException("api-docs answered 503 to GET /apis");
      }

      @Override
      public Refreshed refresh(Collection<String> keys) {
        return new Refreshed(List.of(), List.of());
      }
    };
    FullPass pass = new FullPass(List.of(failing, new Numbered(clock, 3)), engine, runs, 10, Duration.ofSeconds(15), Duration.ofMinutes(60), clock);
    Map<String, FullPass.Progress> progress = pass.run();
    assertEquals("api-docs answered 503 to GET /apis", progress.get("api-definition").error());
    assertFalse(progress.get("api-definition").finished());
    assertTrue(progress.get("software-catalog").finished());
    assertEquals(1, engine.query(new SearchQuery(Term.parse("kept"), Set.of(), Map.of(), 0, 1)).total());
    clock.advance(Duration.ofMinutes(61));
    assertTrue(pass.run().get("software-catalog").finished(), "the catalog's passes go on while api-docs fails");
  }

  @DatabaseTest
  void aPassLongerThanItsBudgetResumesWhereItStoppedAndItsEndRemovesWhatItDidNotWrite(TestDatabase db) throws Exception {
    Database database = TestSearchPlugin.empty(Database.connect(db.jdbcUrl()));
    MovableClock clock = new MovableClock(Instant.parse("2026-12-07T12:00:00Z"));
    SearchEngine engine = SearchEngine.on(database, Highlights.DEFAULT);
    IndexRuns runs = new IndexRuns(database, clock);
    engine.upsert(List.of(new SearchDocument("software-catalog", "component:default/stale", Json.object().put("title", "stale")
        .put("text", "numbered").put("location", "/x"), Map.of(), null)), 0);
    Numbered source = new Numbered(clock, 25);
    FullPass pass = new FullPass(List.of(source), engine, runs, 10, Duration.ofSeconds(15), Duration.ofMinutes(60), clock);

    FullPass.Progress first = pass.run().get("software-catalog");
    assertFalse(first.finished());
    assertEquals(20, first.written());
    assertEquals("20", runs.current("software-catalog").orElseThrow().cursor());
    FullPass.Progress second = pass.run().get("software-catalog");
    assertTrue(second.finished());
    assertEquals(first.run(), second.run());
    assertEquals(5, second.written());
    assertEquals(1, second.removed());
    assertEquals(java.util.Arrays.asList(null, "10", "20"), source.cursorsRead);
    assertEquals(25, engine.query(new SearchQuery(Term.parse("numbered"), Set.of(), Map.of(), 0, 1)).total());
    assertEquals(25, runs.current("software-catalog").orElseThrow().documents());

    assertEquals(Map.of(), pass.run(), "no new pass before the interval");
    clock.advance(Duration.ofMinutes(60));
    FullPass.Progress next = pass.run().get("software-catalog");
    assertEquals(first.run() + 1, next.run(), "a finished pass is followed by a new one after the interval");
  }

  /** A just-filled table planned as if empty made a filtered query read every filter row (docs/search.md). */
  @DatabaseTest
  void aFinishedPassLeavesThePlannerStatisticsOfWhatItWrote(TestDatabase db) throws Exception {
    Database database = TestSearchPlugin.empty(Database.connect(db.jdbcUrl()));
    MovableClock clock = new MovableClock(Instant.parse("2026-12-07T12:00:00Z"));
    SearchEngine engine = SearchEngine.on(database, Highlights.DEFAULT);
    FullPass pass = new FullPass(List.of(new Numbered(clock, 30)), engine, new IndexRuns(database, clock), 100, Duration.ofSeconds(15),
        Duration.ofMinutes(60), clock);
    assertTrue(pass.run().get("software-catalog").finished());
    String statistics = database.dialect() == Dialect.POSTGRESQL
        ? "SELECT reltuples FROM pg_class WHERE relname = 'search_documents'"
        : "SELECT COUNT(*) FROM sqlite_stat1 WHERE tbl = 'search_documents'";
    try (Connection c = database.connection(); Statement statement = c.createStatement(); ResultSet row = statement.executeQuery(statistics)) {
      assertTrue(row.next());
      // PostgreSQL: the 30 rows counted (-1 before any ANALYZE); SQLite: sqlite_stat1 rows for the table.
      assertTrue(row.getDouble(1) > 0, "statistics after the pass: " + row.getDouble(1));
    }
  }
}
