package dev.backlot.catalog.storage;

import dev.backlot.catalog.ingestion.LocationSpec;
import dev.backlot.platform.db.Database;
import dev.backlot.platform.db.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Which locations are due for refresh, and leases on them, so that any number of instances
 * can refresh at once and never take the same location twice. There is no loop: callers (the
 * scheduler's request, a registration) claim work, do it and release it with its next due time.
 */
public final class RefreshLeases {
  private final Database database;

  public RefreshLeases(Database database) {
    this.database = database;
  }

  /** A location leased to {@code owner}: only the holder's refresh may write its entities. */
  public record Lease(LocationSpec location, String owner) {}

  /**
   * Tracks exactly the {@code configured} locations and those registered in the {@code locations}
   * table (each as {@code canonical} names it): new ones are due now, forgotten ones are dropped.
   * The registered ones are read in this transaction, locked on PostgreSQL, so a location deleted
   * meanwhile is not tracked again from a list read before its deletion.
   */
  public void track(Collection<LocationSpec> configured, UnaryOperator<LocationSpec> canonical, long now) {
    transaction(connection -> {
      Map<String, LocationSpec> wanted = new HashMap<>();
      configured.forEach(location -> wanted.putIfAbsent(location.key(), location));
      String share = database.dialect() == Dialect.POSTGRESQL ? " FOR SHARE" : "";
      try (PreparedStatement select = connection.prepareStatement("SELECT type, target FROM locations WHERE origin = 'api'" + share);
          ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          LocationSpec location = canonical.apply(new LocationSpec(rows.getString(1), rows.getString(2)));
          wanted.putIfAbsent(location.key(), location);
        }
      }
      Set<String> tracked = new HashSet<>();
      try (PreparedStatement select = connection.prepareStatement("SELECT location_key FROM location_leases");
          ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          tracked.add(rows.getString(1));
        }
      }
      try (PreparedStatement insert = connection.prepareStatement(
              "INSERT INTO location_leases (location_key, type, target, next_refresh_at) VALUES (?, ?, ?, ?) ON CONFLICT (location_key) DO NOTHING");
          PreparedStatement delete = connection.prepareStatement("DELETE FROM location_leases WHERE location_key = ?")) {
        for (LocationSpec location : wanted.values()) {
          if (!tracked.contains(location.key())) {
            insert.setString(1, location.key());
            insert.setString(2, location.type());
            insert.setString(3, location.target());
            insert.setLong(4, now);
            insert.addBatch();
          }
        }
        for (String key : tracked) {
          if (!wanted.containsKey(key)) {
            delete.setString(1, key);
            delete.addBatch();
          }
        }
        insert.executeBatch();
        delete.executeBatch();
      }
      return null;
    });
  }

  /**
   * Stops tracking {@code location}, as deleting it does. On PostgreSQL this waits for a refresh
   * writing its entities under a lease (which holds the lease row's lock) to commit; after it, no
   * refresh can write them again: the caller removes them next.
   */
  public void forget(LocationSpec location) {
    transaction(connection -> {
      try (PreparedStatement delete = connection.prepareStatement("DELETE FROM location_leases WHERE location_key = ?")) {
        delete.setString(1, location.key());
        delete.executeUpdate();
      }
      return null;
    });
  }

  /** Whether {@code lease} is still held, checked without a lock: a unit reads nothing for a lease it lost. */
  public boolean isHeld(Lease lease) {
    try (Connection connection = database.connection()) {
      return held(connection, lease, "");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read refresh leases: " + e.getMessage(), e);
    }
  }

  /**
   * Whether {@code lease} is still held, checked in the transaction on {@code connection} that
   * writes the location's entities, and on PostgreSQL locked until it ends: a location deleted
   * ({@link #forget}) or whose lease passed to another is not written by a late refresh.
   */
  static boolean lockIfHeld(Connection connection, Dialect dialect, Lease lease) throws SQLException {
    // SQLite has one writer at a time: the transaction that writes the entities holds it already.
    return held(connection, lease, dialect == Dialect.POSTGRESQL ? " FOR UPDATE" : "");
  }

  private static boolean held(Connection connection, Lease lease, String lock) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT 1 FROM location_leases WHERE location_key = ? AND lease_owner = ?" + lock)) {
      select.setString(1, lease.location().key());
      select.setString(2, lease.owner());
      try (ResultSet rows = select.executeQuery()) {
        return rows.next();
      }
    }
  }

  /** Leases up to {@code limit} locations due by {@code dueBy} to {@code owner} until {@code leaseUntil}. */
  public List<LocationSpec> claimDue(String owner, int limit, long now, long dueBy, long leaseUntil) {
    // SKIP LOCKED lets a second instance pass over rows the first is claiming (or a refresh is
    // writing under, see lockIfHeld) instead of waiting and then claiming them again; SQLite has one writer at a time, so needs no such clause.
    String skipLocked = database.dialect() == Dialect.POSTGRESQL ? " FOR UPDATE SKIP LOCKED" : "";
    return transaction(connection -> {
      List<LocationSpec> claimed = new ArrayList<>();
      try (PreparedStatement update = connection.prepareStatement(
          "UPDATE location_leases SET lease_owner = ?, lease_until = ? WHERE location_key IN (SELECT location_key FROM location_leases"
              + " WHERE next_refresh_at <= ? AND (lease_until IS NULL OR lease_until < ?) ORDER BY next_refresh_at LIMIT ?" + skipLocked
              + ") RETURNING type, target")) {
        update.setString(1, owner);
        update.setLong(2, leaseUntil);
        update.setLong(3, dueBy);
        update.setLong(4, now);
        update.setInt(5, limit);
        try (ResultSet rows = update.executeQuery()) {
          while (rows.next()) {
            claimed.add(new LocationSpec(rows.getString(1), rows.getString(2)));
          }
        }
      }
      return claimed;
    });
  }

  /** Leases one location now, whether due or not; false while another holds it. */
  public boolean claim(LocationSpec location, String owner, long now, long leaseUntil) {
    return transaction(connection -> {
      try (PreparedStatement update = connection.prepareStatement(
          "UPDATE location_leases SET lease_owner = ?, lease_until = ? WHERE location_key = ? AND (lease_until IS NULL OR lease_until < ? OR lease_owner = ?)")) {
        update.setString(1, owner);
        update.setLong(2, leaseUntil);
        update.setString(3, location.key());
        update.setLong(4, now);
        update.setString(5, owner);
        return update.executeUpdate() == 1;
      }
    });
  }

  /** Ends {@code owner}'s lease on {@code location}, due again at {@code nextRefreshAt}. */
  public void release(LocationSpec location, String owner, long nextRefreshAt) {
    transaction(connection -> {
      try (PreparedStatement update = connection.prepareStatement(
          "UPDATE location_leases SET lease_owner = NULL, lease_until = NULL, next_refresh_at = ? WHERE location_key = ? AND lease_owner = ?")) {
        update.setLong(1, nextRefreshAt);
        update.setString(2, location.key());
        update.setString(3, owner);
        update.executeUpdate();
      }
      return null;
    });
  }

  private interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private <T> T transaction(Work<T> work) {
    try (Connection connection = database.connection()) {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot update refresh leases: " + e.getMessage(), e);
    }
  }
}
