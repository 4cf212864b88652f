package dev.backlot.github.storage;

import dev.backlot.platform.db.Database;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Where each discovery target's pass stopped, in this plugin's own table, so that a scheduled
 * call examines a batch of repositories that fits one request and the next call goes on from
 * there. Upserts ({@code ON CONFLICT … DO UPDATE}) read the same on SQLite and PostgreSQL.
 */
public final class DiscoveryCursors {
  private final Database database;

  public DiscoveryCursors(Database database) {
    this.database = database;
  }

  /** The repository the last batch of {@code target} ended with, if its pass is unfinished. */
  public Optional<String> after(String target) throws IOException {
    try (Connection c = database.connection();
        PreparedStatement select = c.prepareStatement("SELECT after_repository FROM discovery_cursors WHERE target = ?")) {
      select.setString(1, target);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IOException("cannot read where discovery of " + target + " stopped", e);
    }
  }

  /** Records that {@code target}'s pass goes on after {@code repository}. */
  public void continueAfter(String target, String repository) throws IOException {
    update("INSERT INTO discovery_cursors (target, after_repository) VALUES (?, ?) "
        + "ON CONFLICT (target) DO UPDATE SET after_repository = excluded.after_repository", target, repository);
  }

  /** Records that {@code target}'s pass is complete: the next one starts from the beginning. */
  public void finish(String target) throws IOException {
    update("DELETE FROM discovery_cursors WHERE target = ?", target);
  }

  private void update(String sql, String... values) throws IOException {
    try (Connection c = database.connection(); PreparedStatement statement = c.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        statement.setString(i + 1, values[i]);
      }
      statement.executeUpdate();
    } catch (SQLException e) {
      throw new IOException("cannot record where discovery of " + values[0] + " stopped", e);
    }
  }
}
