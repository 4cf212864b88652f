package dev.backlot.catalog.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The catalog's generation (migration V15): moved by every write that changes entities, in the
 * write's transaction, as its last statement before the commit (so its row lock is held only
 * while the commit runs, and the new number is seen exactly when the new entities are). What is
 * read at one generation stays true until it moves.
 */
final class CatalogGeneration {
  private CatalogGeneration() {}

  /** Moves the generation within {@code connection}'s transaction; call it just before committing. */
  static void move(Connection connection) throws SQLException {
    try (PreparedStatement update = connection.prepareStatement("UPDATE catalog_generation SET generation = generation + 1 WHERE id = 1")) {
      update.executeUpdate();
    }
  }

  static long read(Connection connection) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement("SELECT generation FROM catalog_generation WHERE id = 1");
        ResultSet rows = select.executeQuery()) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
