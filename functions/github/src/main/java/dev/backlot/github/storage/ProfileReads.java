package dev.backlot.github.storage;

import dev.backlot.platform.db.Database;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * When org sync last read each person's profile on a host, in this plugin's own table. Upserts
 * ({@code ON CONFLICT … DO UPDATE}) read the same on SQLite and PostgreSQL.
 */
public final class ProfileReads {
  private final Database database;

  public ProfileReads(Database database) {
    this.database = database;
  }

  /** When each login's profile on {@code host} was last read. */
  public Map<String, Instant> of(String host) throws IOException {
    Map<String, Instant> reads = new HashMap<>();
    try (Connection c = database.connection();
        PreparedStatement select = c.prepareStatement("SELECT login, read_at FROM github_profile_reads WHERE host = ?")) {
      select.setString(1, host);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          reads.put(rows.getString(1), Instant.ofEpochMilli(rows.getLong(2)));
        }
      }
      return reads;
    } catch (SQLException e) {
      throw new IOException("cannot read when the profiles of " + host + " were read", e);
    }
  }

  /** Records that the profiles of {@code logins} on {@code host} were read {@code at}. */
  public void record(String host, Collection<String> logins, Instant at) throws IOException {
    try (Connection c = database.connection();
        PreparedStatement upsert = c.prepareStatement("INSERT INTO github_profile_reads (host, login, read_at) VALUES (?, ?, ?) "
            + "ON CONFLICT (host, login) DO UPDATE SET read_at = excluded.read_at")) {
      for (String login : logins) {
        upsert.setString(1, host);
        upsert.setString(2, login);
        upsert.setLong(3, at.toEpochMilli());
        upsert.addBatch();
      }
      upsert.executeBatch();
    } catch (SQLException e) {
      throw new IOException("cannot record the profiles read on " + host, e);
    }
  }
}
