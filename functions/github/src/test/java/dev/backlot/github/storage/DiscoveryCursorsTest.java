package dev.backlot.github.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backlot.github.TestGitHubPlugin;
import dev.backlot.platform.db.Database;
import dev.backlot.testing.DatabaseTest;
import dev.backlot.testing.TestDatabase;
import java.util.Optional;

/** Discovery cursors on SQLite and PostgreSQL: recorded, moved on, and cleared by a finished pass. */
class DiscoveryCursorsTest {
  @DatabaseTest
  void aPassGoesOnWhereItStoppedUntilItFinishes(TestDatabase db) throws Exception {
    try (Database database = Database.connect(db.jdbcUrl())) {
      TestGitHubPlugin.migrated(database);
      DiscoveryCursors cursors = new DiscoveryCursors(database);

      assertEquals(Optional.empty(), cursors.after("github.com/acme"));
      cursors.continueAfter("github.com/acme", "billing");
      cursors.continueAfter("github.com/acme", "payments");
      cursors.continueAfter("ghe.acme.example/platform", "api");
      assertEquals(Optional.of("payments"), cursors.after("github.com/acme"), "the later batch moves the cursor");
      cursors.finish("github.com/acme");
      assertEquals(Optional.empty(), cursors.after("github.com/acme"));
      assertEquals(Optional.of("api"), cursors.after("ghe.acme.example/platform"), "each target has its own");
    }
  }
}
