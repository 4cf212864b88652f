package dev.backlot.github.webhook;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlot.github.TestGitHubPlugin;
import dev.backlot.platform.db.Database;
import dev.backlot.testing.DatabaseTest;
import dev.backlot.testing.TestDatabase;
import java.util.UUID;

/** Deliveries on SQLite and PostgreSQL: claimed once, claimable again once released. */
class DeliveriesTest {
  @DatabaseTest
  void aDeliveryIsClaimedOnceUntilReleased(TestDatabase db) throws Exception {
    try (Database database = Database.connect(db.jdbcUrl())) {
      TestGitHubPlugin.migrated(database);
      Deliveries deliveries = new Deliveries(database);
      String id = UUID.randomUUID().toString();
      assertTrue(deliveries.claim(id, "push", 1));
      assertFalse(deliveries.claim(id, "push", 2), "a redelivery");
      assertTrue(deliveries.claim(UUID.randomUUID().toString(), "push", 3), "another delivery");
      deliveries.release(id);
      assertTrue(deliveries.claim(id, "push", 4), "released after a failure, the redelivery applies");
    }
  }
}
