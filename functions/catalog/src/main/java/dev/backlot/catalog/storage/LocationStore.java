package dev.backlot.catalog.storage;

import dev.backlot.catalog.ingestion.LocationSpec;
import dev.backlot.platform.db.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Locations registered through the API; config locations live in config, not here. */
public final class LocationStore {
  private final Database database;

  public LocationStore(Database database) {
    this.database = database;
  }

  /** A registered location with its id. */
  public record Registered(String id, String type, String target) {
    public LocationSpec spec() {
      return new LocationSpec(type, target);
    }
  }

  /** Registers {@code location}; empty when it is already registered. */
  public Optional<Registered> add(LocationSpec location) {
    String id = UUID.randomUUID().toString();
    try (Connection connection = database.connection();
        PreparedStatement insert = connection.prepareStatement(
            "INSERT INTO locations (id, type, target, origin, created_at) VALUES (?, ?, ?, 'api', ?)")) {
      if (find(connection, location).isPresent()) {
        return Optional.empty();
      }
      insert.setString(1, id);
      insert.setString(2, location.type());
      insert.setString(3, location.target());
      insert.setString(4, Instant.now().toString());
      insert.executeUpdate();
      return Optional.of(new Registered(id, location.type(), location.target()));
    } catch (SQLException e) {
      // The unique (type, target) index: another instance registered it meanwhile.
      if ("23505".equals(e.getSQLState()) || (e.getMessage() != null && e.getMessage().contains("UNIQUE"))) {
        return Optional.empty();
      }
      throw new IllegalStateException("cannot register " + location.key() + ": " + e.getMessage(), e);
    }
  }

  public List<Registered> list() {
    return query("SELECT id, type, target FROM locations WHERE origin = 'api' ORDER BY created_at, id", List.of());
  }

  public Optional<Registered> get(String id) {
    return query("SELECT id, type, target FROM locations WHERE origin = 'api' AND id = ?", List.of(id)).stream().findFirst();
  }

  public Optional<Registered> find(LocationSpec location) {
    try (Connection connection = database.connection()) {
      return find(connection, location);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read locations: " + e.getMessage(), e);
    }
  }

  private Optional<Registered> find(Connection connection, LocationSpec location) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT id, type, target FROM locations WHERE origin = 'api' AND type = ? AND target = ?")) {
      select.setString(1, location.type());
      select.setString(2, location.target());
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? Optional.of(new Registered(rows.getString(1), rows.getString(2), rows.getString(3))) : Optional.empty();
      }
    }
  }

  /** Points location {@code id} at another target; false when another location has it already. */
  public boolean update(String id, LocationSpec location) {
    try (Connection connection = database.connection();
        PreparedStatement update = connection.prepareStatement("UPDATE locations SET type = ?, target = ? WHERE origin = 'api' AND id = ?")) {
      Optional<Registered> existing = find(connection, location);
      if (existing.isPresent()) {
        return existing.get().id().equals(id);
      }
      update.setString(1, location.type());
      update.setString(2, location.target());
      update.setString(3, id);
      update.executeUpdate();
      return true;
    } catch (SQLException e) {
      if ("23505".equals(e.getSQLState()) || (e.getMessage() != null && e.getMessage().contains("UNIQUE"))) {
        return false;
      }
      throw new IllegalStateException("cannot update location " + id + ": " + e.getMessage(), e);
    }
  }

  public boolean delete(String id) {
    try (Connection connection = database.connection();
        PreparedStatement delete = connection.prepareStatement("DELETE FROM locations WHERE origin = 'api' AND id = ?")) {
      delete.setString(1, id);
      return delete.executeUpdate() > 0;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot delete location " + id + ": " + e.getMessage(), e);
    }
  }

  private List<Registered> query(String sql, List<String> parameters) {
    try (Connection connection = database.connection(); PreparedStatement select = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.size(); i++) {
        select.setString(i + 1, parameters.get(i));
      }
      List<Registered> locations = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          locations.add(new Registered(rows.getString(1), rows.getString(2), rows.getString(3)));
        }
      }
      return locations;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read locations: " + e.getMessage(), e);
    }
  }
}
