package dev.backlot.github.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backlot.github.TestGitHubPlugin;
import dev.backlot.platform.db.Database;
import dev.backlot.testing.DatabaseTest;
import dev.backlot.testing.TestDatabase;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Profile reads on SQLite and PostgreSQL: recorded per host, a later read replacing an earlier one. */
class ProfileReadsTest {
  private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");

  @DatabaseTest
  void eachLoginKeepsItsLatestReadPerHost(TestDatabase db) throws Exception {
    try (Database database = Database.connect(db.jdbcUrl())) {
      ProfileReads reads = new ProfileReads(TestGitHubPlugin.migrated(database));

      reads.record("github.com", List.of("mona", "hubot"), NOW);
      reads.record("github.com", List.of("mona"), NOW.plusSeconds(3600));
      reads.record("ghe.acme.example", List.of("mona"), NOW.plusSeconds(60));
      reads.record("github.com", List.of(), NOW.plusSeconds(7200));

      assertEquals(Map.of("mona", NOW.plusSeconds(3600), "hubot", NOW), reads.of("github.com"));
      assertEquals(Map.of("mona", NOW.plusSeconds(60)), reads.of("ghe.acme.example"));
      assertEquals(Map.of(), reads.of("ghe.other.example"));
    }
  }
}
