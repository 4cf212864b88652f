package dev.backlot.github.storage;

import static dev.backlot.github.storage.Statements.update;

import dev.backlot.platform.db.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/**
 * The deliveries this plugin has taken on, in its own table, each being applied or done. Claiming
 * is one insert that only the first of several concurrent redeliveries wins ({@code ON CONFLICT DO
 * NOTHING}, on SQLite and PostgreSQL alike), so an event is applied once however often GitHub
 * sends it; a claim whose instance died mid-apply is taken over by one conditional update, which
 * again only one redelivery wins.
 */
public final class Deliveries {
  /**
   * How long a claim being applied is left to its instance. Longer than a request may run (the
   * Cloud Run request timeout, 60 s unless an environment sets more), so a live attempt is never
   * taken over; older, its instance is gone.
   */
  static final Duration APPLYING_AT_MOST = Duration.ofMinutes(5);
  /** Done deliveries older than this are pruned: GitHub redelivers for days, not months. */
  static final Duration KEPT_DONE = Duration.ofDays(30);
  /** Rows one claim prunes at most, so that no webhook call pays for a long backlog at once. */
  private static final int PRUNED_PER_CLAIM = 100;

  private static final String APPLYING = "applying";
  private static final String DONE = "done";

  /** What a claim found. */
  public enum Claim {
    /** The delivery is new, or its earlier attempt died: ours to apply. */
    APPLY,
    /** Applied before: a duplicate. */
    ALREADY_APPLIED,
    /** Another request is applying it right now. */
    BEING_APPLIED
  }

  private final Database database;

  public Deliveries(Database database) {
    this.database = database;
  }

  /** Claims {@code deliveryId} for applying now, unless it was applied or is being applied. */
  public Claim claim(String deliveryId, String event, long nowMillis) throws SQLException {
    try (Connection c = database.connection()) {
      pruneDone(c, nowMillis - KEPT_DONE.toMillis());
      if (insert(c, deliveryId, event, nowMillis) || takeOverAbandoned(c, deliveryId, event, nowMillis)) {
        return Claim.APPLY;
      }
      // No row here means an attempt failed and released it since the insert: the sender sees the
      // 409 as a failure and can redeliver, so nothing is lost.
      return DONE.equals(state(c, deliveryId)) ? Claim.ALREADY_APPLIED : Claim.BEING_APPLIED;
    }
  }

  /** Records that {@code deliveryId} was applied: its redeliveries are duplicates from now on. */
  public void done(String deliveryId) throws SQLException {
    try (Connection c = database.connection()) {
      update(c, "UPDATE webhook_deliveries SET state = ? WHERE delivery_id = ?", DONE, deliveryId);
    }
  }

  /** Forgets a delivery whose application failed, so that GitHub's redelivery is applied. */
  public void release(String deliveryId) throws SQLException {
    try (Connection c = database.connection()) {
      update(c, "DELETE FROM webhook_deliveries WHERE delivery_id = ?", deliveryId);
    }
  }

  private static boolean insert(Connection c, String deliveryId, String event, long nowMillis) throws SQLException {
    return update(c, "INSERT INTO webhook_deliveries (delivery_id, event, received_at, state) VALUES (?, ?, ?, ?) "
        + "ON CONFLICT (delivery_id) DO NOTHING", deliveryId, event, nowMillis, APPLYING) == 1;
  }

  /** Restarts the clock of a claim abandoned mid-apply; of two redeliveries doing so at once, one changes the row. */
  private static boolean takeOverAbandoned(Connection c, String deliveryId, String event, long nowMillis) throws SQLException {
    return update(c, "UPDATE webhook_deliveries SET received_at = ?, event = ? WHERE delivery_id = ? AND state = ? AND received_at < ?",
        nowMillis, event, deliveryId, APPLYING, nowMillis - APPLYING_AT_MOST.toMillis()) == 1;
  }

  private static String state(Connection c, String deliveryId) throws SQLException {
    try (PreparedStatement select = c.prepareStatement("SELECT state FROM webhook_deliveries WHERE delivery_id = ?")) {
      select.setString(1, deliveryId);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? row.getString(1) : null;
      }
    }
  }

  private static void pruneDone(Connection c, long beforeMillis) throws SQLException {
    // DELETE … LIMIT is not portable; a bounded subquery is, on SQLite and PostgreSQL.
    update(c, "DELETE FROM webhook_deliveries WHERE delivery_id IN "
        + "(SELECT delivery_id FROM webhook_deliveries WHERE state = ? AND received_at < ? LIMIT " + PRUNED_PER_CLAIM + ")", DONE, beforeMillis);
  }
}
