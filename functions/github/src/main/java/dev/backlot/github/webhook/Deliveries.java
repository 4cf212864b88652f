package dev.backlot.github.webhook;

import dev.backlot.platform.db.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The deliveries this plugin has taken on, in its own table. Claiming is one insert that only
 * the first of several concurrent redeliveries wins ({@code ON CONFLICT DO NOTHING}, on SQLite
 * and PostgreSQL alike), so an event is applied once however often GitHub sends it.
 */
final class Deliveries {
  private final Database database;

  Deliveries(Database database) {
    this.database = database;
  }

  /** True when {@code deliveryId} is new and now ours to apply; false when it was seen before. */
  boolean claim(String deliveryId, String event, long nowMillis) throws SQLException {
    try (Connection c = database.connection();
        PreparedStatement insert = c.prepareStatement(
            "INSERT INTO webhook_deliveries (delivery_id, event, received_at) VALUES (?, ?, ?) ON CONFLICT (delivery_id) DO NOTHING")) {
      insert.setString(1, deliveryId);
      insert.setString(2, event);
      insert.setLong(3, nowMillis);
      return insert.executeUpdate() == 1;
    }
  }

  /** Forgets a delivery whose application failed, so that GitHub's redelivery is applied. */
  void release(String deliveryId) throws SQLException {
    try (Connection c = database.connection();
        PreparedStatement delete = c.prepareStatement("DELETE FROM webhook_deliveries WHERE delivery_id = ?")) {
      delete.setString(1, deliveryId);
      delete.executeUpdate();
    }
  }
}
