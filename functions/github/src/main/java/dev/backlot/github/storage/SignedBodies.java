package dev.backlot.github.storage;

import static dev.backlot.github.storage.Statements.update;

import dev.backlot.platform.db.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * The signed bodies taken lately, by SHA-256, each with the delivery that brought it, in the
 * plugin's table so that every instance sees them. A signature proves GitHub sent a body once, not
 * when: whoever captured a delivery could send it again under a fresh {@code X-GitHub-Delivery} and
 * have it applied as often as they like. GitHub's own redeliveries keep their delivery id, so the
 * same body under another id is a replay. Real events differ in their bodies (timestamps, commits,
 * actors); two identical ones within the window (a member added, removed and added again) lose the
 * webhook for the second, and the hourly org sync brings it.
 */
public final class SignedBodies {
  /** How long a body is remembered: a day, one replay per captured delivery a day at most. */
  public static final Duration REMEMBERED = Duration.ofHours(24);
  /** Rows one call prunes at most, so that no webhook call pays for a long backlog at once. */
  private static final int PRUNED_PER_CALL = 100;

  private final Database database;

  public SignedBodies(Database database) {
    this.database = database;
  }

  /**
   * The other delivery {@code sha256} came with within the window, when it did: this one is a
   * replay. Otherwise remembers the body as {@code deliveryId}'s and answers empty.
   */
  public Optional<String> replayed(String sha256, String deliveryId, long nowMillis) throws SQLException {
    long windowStart = nowMillis - REMEMBERED.toMillis();
    try (Connection c = database.connection()) {
      // DELETE … LIMIT is not portable; a bounded subquery is, on SQLite and PostgreSQL.
      update(c, "DELETE FROM webhook_bodies WHERE body_sha256 IN "
          + "(SELECT body_sha256 FROM webhook_bodies WHERE received_at < ? LIMIT " + PRUNED_PER_CALL + ")", windowStart);
      boolean first = update(c, "INSERT INTO webhook_bodies (body_sha256, delivery_id, received_at) VALUES (?, ?, ?) "
          + "ON CONFLICT (body_sha256) DO NOTHING", sha256, deliveryId, nowMillis) == 1;
      // A row older than the window that pruning has not reached yet is forgotten all the same.
      if (first || update(c, "UPDATE webhook_bodies SET delivery_id = ?, received_at = ? WHERE body_sha256 = ? AND received_at < ?",
          deliveryId, nowMillis, sha256, windowStart) == 1) {
        return Optional.empty();
      }
      return deliveryOf(c, sha256).filter(earlier -> !earlier.equals(deliveryId));
    }
  }

  private static Optional<String> deliveryOf(Connection c, String sha256) throws SQLException {
    try (PreparedStatement select = c.prepareStatement("SELECT delivery_id FROM webhook_bodies WHERE body_sha256 = ?")) {
      select.setString(1, sha256);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
      }
    }
  }
}
