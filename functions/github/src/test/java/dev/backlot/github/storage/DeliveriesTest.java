package dev.backlot.github.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backlot.github.TestGitHubPlugin;
import dev.backlot.github.storage.Deliveries.Claim;
import dev.backlot.platform.db.Database;
import dev.backlot.testing.DatabaseTest;
import dev.backlot.testing.TestDatabase;
import java.util.UUID;

/**
 * Deliveries on SQLite and PostgreSQL: claimed once, a duplicate once done, a conflict while being
 * applied, claimable again once released or abandoned, and pruned a month after they were done.
 */
class DeliveriesTest {
  private static final long NOW = 1_800_000_000_000L;

  @DatabaseTest
  void aDeliveryIsClaimedOnceAndADuplicateOnceDone(TestDatabase db) throws Exception {
    withClaimed(db, (deliveries, id) -> {
      assertEquals(Claim.APPLY, deliveries.claim(UUID.randomUUID().toString(), "push", NOW + 1), "another delivery");
      deliveries.done(id);
      assertEquals(Claim.ALREADY_APPLIED, deliveries.claim(id, "push", NOW + 2), "a redelivery");
    });
  }

  @DatabaseTest
  void aRedeliveryWhileTheFirstIsBeingAppliedFindsItBeingApplied(TestDatabase db) throws Exception {
    withClaimed(db, (deliveries, id) -> {
      long stillAlive = NOW + Deliveries.APPLYING_AT_MOST.toMillis() - 1;
      assertEquals(Claim.BEING_APPLIED, deliveries.claim(id, "push", stillAlive));
      assertEquals(Claim.BEING_APPLIED, deliveries.claim(id, "push", stillAlive), "asking again changes nothing");
    });
  }

  @DatabaseTest
  void aReleasedDeliveryIsClaimedAgain(TestDatabase db) throws Exception {
    withClaimed(db, (deliveries, id) -> {
      deliveries.release(id);
      assertEquals(Claim.APPLY, deliveries.claim(id, "push", NOW + 1), "released after a failure, the redelivery applies");
    });
  }

  @DatabaseTest
  void aClaimAbandonedMidApplyIsTakenOverOnce(TestDatabase db) throws Exception {
    withClaimed(db, (deliveries, id) -> {
      long abandoned = NOW + Deliveries.APPLYING_AT_MOST.toMillis() + 1;
      assertEquals(Claim.APPLY, deliveries.claim(id, "push", abandoned), "its instance died: the redelivery takes over");
      assertEquals(Claim.BEING_APPLIED, deliveries.claim(id, "push", abandoned), "a second taker at the same moment does not win");
      deliveries.done(id);
      assertEquals(Claim.ALREADY_APPLIED, deliveries.claim(id, "push", abandoned + Deliveries.APPLYING_AT_MOST.toMillis() + 1),
          "a done delivery is never taken over");
    });
  }

  @DatabaseTest
  void claimingPrunesDoneDeliveriesAMonthOldButNotOnesBeingApplied(TestDatabase db) throws Exception {
    try (Database database = Database.connect(db.jdbcUrl())) {
      Deliveries deliveries = new Deliveries(TestGitHubPlugin.migrated(database));
      String done = UUID.randomUUID().toString();
      String applying = UUID.randomUUID().toString();
      String recent = UUID.randomUUID().toString();
      long monthLater = NOW + Deliveries.KEPT_DONE.toMillis() + 1;
      deliveries.claim(done, "push", NOW);
      deliveries.done(done);
      deliveries.claim(applying, "push", NOW);
      deliveries.claim(recent, "push", monthLater - 1);
      deliveries.done(recent);

      assertEquals(Claim.APPLY, deliveries.claim(UUID.randomUUID().toString(), "push", monthLater), "a claim that prunes");

      assertEquals(0, rows(database, done), "pruned");
      assertEquals(1, rows(database, applying), "left to be taken over");
      assertEquals(1, rows(database, recent), "younger than a month");
    }
  }

  /** What a test does with Deliveries on its database and a delivery it claimed at NOW. */
  private interface Claimed {
    void test(Deliveries deliveries, String id) throws Exception;
  }

  private static void withClaimed(TestDatabase db, Claimed test) throws Exception {
    try (Database database = Database.connect(db.jdbcUrl())) {
      Deliveries deliveries = new Deliveries(TestGitHubPlugin.migrated(database));
      String id = UUID.randomUUID().toString();
      assertEquals(Claim.APPLY, deliveries.claim(id, "push", NOW));
      test.test(deliveries, id);
    }
  }

  private static int rows(Database database, String deliveryId) throws Exception {
    try (var c = database.connection();
        var select = c.prepareStatement("SELECT COUNT(*) FROM webhook_deliveries WHERE delivery_id = ?")) {
      select.setString(1, deliveryId);
      try (var row = select.executeQuery()) {
        row.next();
        return row.getInt(1);
      }
    }
  }
}
