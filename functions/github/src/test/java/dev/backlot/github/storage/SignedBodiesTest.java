package dev.backlot.github.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backlot.github.TestGitHubPlugin;
import dev.backlot.platform.db.Database;
import dev.backlot.testing.DatabaseTest;
import dev.backlot.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * Signed bodies on SQLite and PostgreSQL: the same body under another delivery id within a day is
 * a replay, on any instance; under its own id it is GitHub redelivering it.
 */
class SignedBodiesTest {
  private static final long NOW = 1_800_000_000_000L;
  /** A body's SHA-256 of this test's own: the test databases are shared. */
  private final String body = HexFormat.of().formatHex(UUID.randomUUID().toString().repeat(2).getBytes(StandardCharsets.US_ASCII), 0, 32);

  @DatabaseTest
  void theSameBodyUnderAnotherDeliveryIdIsAReplayOnEveryInstance(TestDatabase db) throws Exception {
    try (Database database = Database.connect(db.jdbcUrl())) {
      TestGitHubPlugin.migrated(database);
      SignedBodies one = new SignedBodies(database);
      SignedBodies another = new SignedBodies(database);
      String original = UUID.randomUUID().toString();
      assertEquals(Optional.empty(), one.replayed(body, original, NOW));

      assertEquals(Optional.of(original), another.replayed(body, UUID.randomUUID().toString(), NOW + 1), "another instance");
      assertEquals(Optional.of(original), one.replayed(body, UUID.randomUUID().toString(),
          NOW + SignedBodies.REMEMBERED.toMillis() - 1), "still within the window");
      assertEquals(Optional.empty(), another.replayed(body, original, NOW + 2), "GitHub redelivering it");
      assertEquals(Optional.empty(), one.replayed(new StringBuilder(body).reverse().toString(), UUID.randomUUID().toString(), NOW + 3), "another body");
    }
  }

  @DatabaseTest
  void aBodyIsForgottenAfterTheWindow(TestDatabase db) throws Exception {
    try (Database database = Database.connect(db.jdbcUrl())) {
      SignedBodies bodies = new SignedBodies(TestGitHubPlugin.migrated(database));
      bodies.replayed(body, UUID.randomUUID().toString(), NOW);
      long dayLater = NOW + SignedBodies.REMEMBERED.toMillis() + 1;
      String later = UUID.randomUUID().toString();

      assertEquals(Optional.empty(), bodies.replayed(body, later, dayLater));

      assertEquals(Optional.of(later), bodies.replayed(body, UUID.randomUUID().toString(), dayLater + 1), "remembered anew");
    }
  }
}
