package dev.backlot.apidocs.storage;

import dev.backlot.platform.db.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The plugin's tables (see V1__api_definitions.sql, V2__validation_reports.sql): which versions exist, which is latest, and their validation reports. */
final class VersionIndex {
  private static final String COLUMNS = "v.entity_ref, v.version, v.format, v.spec_version, v.title, v.api_version, "
      + "v.content_type, v.source, v.size_bytes, v.error_count, v.warning_count, v.created_at, v.submitted_at";

  private final Database database;

  VersionIndex(Database database) {
    this.database = database;
  }

  /** An API with its latest version and how many versions it has. */
  record Listed(VersionInfo latest, int versionCount) {}

  Optional<VersionInfo> find(ApiRef api, String version) {
    return query("SELECT " + COLUMNS + " FROM api_versions v WHERE v.entity_ref = ? AND v.version = ?",
        List.of(api.toString(), version)).stream().findFirst();
  }

  Optional<VersionInfo> latest(ApiRef api) {
    return query("SELECT " + COLUMNS + " FROM apis a JOIN api_versions v ON v.entity_ref = a.entity_ref AND v.version = a.latest_version"
        + " WHERE a.entity_ref = ?", List.of(api.toString())).stream().findFirst();
  }

  /** Newest submission first. */
  List<VersionInfo> versions(ApiRef api) {
    return query("SELECT " + COLUMNS + " FROM api_versions v WHERE v.entity_ref = ? ORDER BY v.submitted_at DESC, v.version",
        List.of(api.toString()));
  }

  List<Listed> apis(int limit, int offset) {
    return apis(null, limit, offset);
  }

  /**
   * A page of the APIs whose ref is in {@code only} (null: every API), in ref order. The refs go
   * in as one JSON array parameter, so any number of them is one statement whose page the
   * database cuts: nothing is filtered after the page is read.
   */
  List<Listed> apis(java.util.Collection<String> only, int limit, int offset) {
    List<Listed> listed = new ArrayList<>();
    String among = only == null ? "" : database.dialect() == dev.backlot.platform.db.Dialect.POSTGRESQL
        ? " WHERE a.entity_ref IN (SELECT jsonb_array_elements_text(CAST(? AS jsonb)))"
        : " WHERE a.entity_ref IN (SELECT value FROM json_each(?))";
    try (Connection connection = database.connection();
        PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + ", a.version_count FROM apis a"
            + " JOIN api_versions v ON v.entity_ref = a.entity_ref AND v.version = a.latest_version"
            + among + " ORDER BY a.entity_ref LIMIT ? OFFSET ?")) {
      int parameter = 1;
      if (only != null) {
        select.setString(parameter++, dev.backlot.platform.http.Json.MAPPER.writeValueAsString(only));
      }
      select.setInt(parameter++, limit);
      select.setInt(parameter, offset);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          listed.add(new Listed(info(rows), rows.getInt(14)));
        }
      }
      return listed;
    } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot list APIs: " + e.getMessage(), e);
    }
  }

  /**
   * Records {@code info} as the API's latest version: a new row when the content is new, else
   * the existing row's submission time moves forward. True when the row is new.
   */
  boolean submit(VersionInfo info, String report) {
    ApiRef api = ApiRef.parse(info.entityRef());
    try (Connection connection = database.connection()) {
      connection.setAutoCommit(false);
      try {
        long submittedAt = nextSubmission(connection, info.entityRef());
        boolean created = !exists(connection, info.entityRef(), info.version());
        if (created) {
          insert(connection, info, submittedAt);
        } else {
          // The report is of the latest validation: the rules may have changed since the content was first stored.
          try (PreparedStatement update = connection.prepareStatement(
              "UPDATE api_versions SET submitted_at = ?, error_count = ?, warning_count = ? WHERE entity_ref = ? AND version = ?")) {
            update.setLong(1, submittedAt);
            update.setInt(2, info.errorCount());
            update.setInt(3, info.warningCount());
            update.setString(4, info.entityRef());
            update.setString(5, info.version());
            update.executeUpdate();
          }
        }
        saveReport(connection, info, report);
        try (PreparedStatement upsert = connection.prepareStatement(
            "INSERT INTO apis (entity_ref, latest_version, version_count, updated_at) VALUES (?, ?, 1, ?)"
                + " ON CONFLICT (entity_ref) DO UPDATE SET latest_version = excluded.latest_version,"
                + " version_count = apis.version_count + ?, updated_at = excluded.updated_at")) {
          upsert.setString(1, api.toString());
          upsert.setString(2, info.version());
          upsert.setLong(3, submittedAt);
          upsert.setInt(4, created ? 1 : 0);
          upsert.executeUpdate();
        }
        connection.commit();
        return created;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      // Two instances storing the same new content at once: the primary key keeps one row.
      if (isUniqueViolation(e)) {
        return submit(info, report);
      }
      throw new IllegalStateException("cannot record " + info.entityRef() + " version " + info.version() + ": " + e.getMessage(), e);
    }
  }

  private static void saveReport(Connection connection, VersionInfo info, String report) throws SQLException {
    try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO api_version_reports (entity_ref, version, report)"
        + " VALUES (?, ?, ?) ON CONFLICT (entity_ref, version) DO UPDATE SET report = excluded.report")) {
      upsert.setString(1, info.entityRef());
      upsert.setString(2, info.version());
      upsert.setString(3, report);
      upsert.executeUpdate();
    }
  }

  /** The validation report kept with a version, as JSON text; empty for versions stored before reports were kept. */
  Optional<String> report(ApiRef api, String version) {
    try (Connection connection = database.connection();
        PreparedStatement select = connection.prepareStatement("SELECT report FROM api_version_reports WHERE entity_ref = ? AND version = ?")) {
      select.setString(1, api.toString());
      select.setString(2, version);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the validation report of " + api + " version " + version + ": " + e.getMessage(), e);
    }
  }

  private static boolean isUniqueViolation(SQLException e) {
    return "23505".equals(e.getSQLState()) || (e.getMessage() != null && e.getMessage().contains("UNIQUE"));
  }

  /** Now, or just after the last submission when the clock has not moved on: latest is unambiguous. */
  private static long nextSubmission(Connection connection, String entityRef) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement("SELECT MAX(submitted_at) FROM api_versions WHERE entity_ref = ?")) {
      select.setString(1, entityRef);
      try (ResultSet rows = select.executeQuery()) {
        long last = rows.next() ? rows.getLong(1) : 0;
        return Math.max(System.currentTimeMillis(), last + 1);
      }
    }
  }

  private static boolean exists(Connection connection, String entityRef, String version) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM api_versions WHERE entity_ref = ? AND version = ?")) {
      select.setString(1, entityRef);
      select.setString(2, version);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next();
      }
    }
  }

  private static void insert(Connection connection, VersionInfo info, long submittedAt) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO api_versions (entity_ref, version, format, spec_version,"
        + " title, api_version, content_type, source, size_bytes, error_count, warning_count, created_at, submitted_at)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, info.entityRef());
      insert.setString(2, info.version());
      insert.setString(3, info.format());
      insert.setString(4, truncate(info.specVersion(), 32));
      insert.setString(5, truncate(info.title(), 512));
      insert.setString(6, truncate(info.apiVersion(), 128));
      insert.setString(7, info.contentType());
      insert.setString(8, truncate(info.source(), 512));
      insert.setLong(9, info.sizeBytes());
      insert.setInt(10, info.errorCount());
      insert.setInt(11, info.warningCount());
      insert.setLong(12, submittedAt);
      insert.setLong(13, submittedAt);
      insert.executeUpdate();
    }
  }

  private static String truncate(String value, int max) {
    return value == null || value.length() <= max ? value : value.substring(0, max);
  }

  private List<VersionInfo> query(String sql, List<String> params) {
    try (Connection connection = database.connection(); PreparedStatement select = connection.prepareStatement(sql)) {
      for (int i = 0; i < params.size(); i++) {
        select.setString(i + 1, params.get(i));
      }
      List<VersionInfo> found = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          found.add(info(rows));
        }
      }
      return found;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the API index: " + e.getMessage(), e);
    }
  }

  private static VersionInfo info(ResultSet rows) throws SQLException {
    return new VersionInfo(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4), rows.getString(5),
        rows.getString(6), rows.getString(7), rows.getString(8), rows.getLong(9), rows.getInt(10), rows.getInt(11),
        Instant.ofEpochMilli(rows.getLong(12)), Instant.ofEpochMilli(rows.getLong(13)));
  }
}
