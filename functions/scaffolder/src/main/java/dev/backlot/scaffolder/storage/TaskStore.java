package dev.backlot.scaffolder.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.platform.db.Database;
import dev.backlot.platform.http.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Tasks and their events in the scaffolder's own database. A claim is a conditional UPDATE on one
 * candidate (open, or processing with its lease run out) that only one instance can win, on
 * PostgreSQL and SQLite alike; every later write by the worker names its lease owner, so a worker
 * that lost its lease cannot overwrite the one that took over.
 */
public final class TaskStore {
  public static final String OPEN = "open";
  public static final String PROCESSING = "processing";
  public static final String COMPLETED = "completed";
  public static final String FAILED = "failed";
  public static final String CANCELLED = "cancelled";
  private static final String CLAIMABLE = "(status = 'open' OR (status = 'processing' AND lease_until < ?))";

  private final Database database;
  private final Clock clock;

  public TaskStore(Database database, Clock clock) {
    this.database = database;
    this.clock = clock;
  }

  public void create(String id, JsonNode spec, JsonNode secrets, String createdBy) throws SQLException {
    try (Connection c = database.connection(); PreparedStatement insert = c.prepareStatement(
        "INSERT INTO scaffolder_tasks (id, spec, secrets, status, created_by, created_at, checkpoints) VALUES (?, ?, ?, 'open', ?, ?, '{}')")) {
      insert.setString(1, id);
      insert.setString(2, spec.toString());
      insert.setString(3, secrets == null || secrets.isEmpty() ? null : secrets.toString());
      insert.setString(4, createdBy);
      insert.setString(5, clock.instant().toString());
      insert.executeUpdate();
    }
  }

  public Optional<TaskRecord> get(String id) throws SQLException {
    try (Connection c = database.connection(); PreparedStatement select = c.prepareStatement(
        "SELECT id, spec, status, created_by, created_at, last_heartbeat_at, output FROM scaffolder_tasks WHERE id = ?")) {
      select.setString(1, id);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? Optional.of(record(rows)) : Optional.empty();
      }
    }
  }

  /** Newest first; {@code createdBy} and {@code status} null for any. */
  public List<TaskRecord> list(String createdBy, String status, int limit, int offset) throws SQLException {
    List<String> parameters = new ArrayList<>();
    StringBuilder sql = new StringBuilder("SELECT id, spec, status, created_by, created_at, last_heartbeat_at, output FROM scaffolder_tasks")
        .append(where(createdBy, status, parameters));
    sql.append(" ORDER BY created_at DESC, id LIMIT ? OFFSET ?");
    try (Connection c = database.connection(); PreparedStatement select = c.prepareStatement(sql.toString())) {
      int i = 1;
      for (String parameter : parameters) {
        select.setString(i++, parameter);
      }
      select.setInt(i++, limit);
      select.setInt(i, offset);
      List<TaskRecord> tasks = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          tasks.add(record(rows));
        }
      }
      return tasks;
    }
  }

  public long count(String createdBy, String status) throws SQLException {
    List<String> parameters = new ArrayList<>();
    String sql = "SELECT COUNT(*) FROM scaffolder_tasks" + where(createdBy, status, parameters);
    try (Connection c = database.connection(); PreparedStatement select = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.size(); i++) {
        select.setString(i + 1, parameters.get(i));
      }
      try (ResultSet rows = select.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  /** The WHERE clause of the list filters, their values added to {@code parameters}. */
  private static String where(String createdBy, String status, List<String> parameters) {
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    if (createdBy != null) {
      where.append(" AND created_by = ?");
      parameters.add(createdBy);
    }
    if (status != null) {
      where.append(" AND status = ?");
      parameters.add(status);
    }
    return where.toString();
  }

  public void addEvent(String taskId, String type, JsonNode body) throws SQLException {
    try (Connection c = database.connection(); PreparedStatement insert = c.prepareStatement(
        "INSERT INTO scaffolder_task_events (task_id, event_type, body, created_at) VALUES (?, ?, ?, ?)")) {
      insert.setString(1, taskId);
      insert.setString(2, type);
      insert.setString(3, body.toString());
      insert.setString(4, clock.instant().toString());
      insert.executeUpdate();
    }
  }

  /** The events after event {@code after} (0: all), oldest first, at most {@code limit}. */
  public List<TaskEvent> events(String taskId, long after, int limit) throws SQLException {
    try (Connection c = database.connection(); PreparedStatement select = c.prepareStatement(
        "SELECT id, task_id, event_type, body, created_at FROM scaffolder_task_events WHERE task_id = ? AND id > ? ORDER BY id LIMIT ?")) {
      select.setString(1, taskId);
      select.setLong(2, after);
      select.setInt(3, limit);
      List<TaskEvent> events = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          events.add(new TaskEvent(rows.getLong(1), rows.getString(2), rows.getString(3), json(rows.getString(4)), rows.getString(5)));
        }
      }
      return events;
    }
  }

  /** Claims the oldest claimable task for {@code owner} for {@code leaseMillis}, or empty when there is none (or others won them all). */
  public Optional<ClaimedTask> claim(String owner, long leaseMillis) throws SQLException {
    long now = clock.millis();
    List<String> candidates = new ArrayList<>();
    try (Connection c = database.connection()) {
      try (PreparedStatement select = c.prepareStatement("SELECT id FROM scaffolder_tasks WHERE " + CLAIMABLE + " ORDER BY created_at, id LIMIT 5")) {
        select.setLong(1, now);
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            candidates.add(rows.getString(1));
          }
        }
      }
    }
    return claim(owner, leaseMillis, candidates);
  }

  /** Claims task {@code id} (a Cloud Task's), or empty when it is not claimable: done, or another worker's lease holds. */
  public Optional<ClaimedTask> claim(String owner, long leaseMillis, String id) throws SQLException {
    return claim(owner, leaseMillis, List.of(id));
  }

  private Optional<ClaimedTask> claim(String owner, long leaseMillis, List<String> candidates) throws SQLException {
    long now = clock.millis();
    try (Connection c = database.connection()) {
      for (String id : candidates) {
        try (PreparedStatement update = c.prepareStatement("UPDATE scaffolder_tasks SET status = 'processing', lease_owner = ?, lease_until = ?, "
            + "last_heartbeat_at = ?, attempts = attempts + 1 WHERE id = ? AND " + CLAIMABLE)) {
          update.setString(1, owner);
          update.setLong(2, now + leaseMillis);
          update.setString(3, clock.instant().toString());
          update.setString(4, id);
          update.setLong(5, now);
          if (update.executeUpdate() == 1) {
            return Optional.of(claimed(c, id, owner));
          }
        }
      }
      return Optional.empty();
    }
  }

  private static ClaimedTask claimed(Connection c, String id, String owner) throws SQLException {
    try (PreparedStatement select = c.prepareStatement(
        "SELECT spec, secrets, checkpoints, attempts, workspace_snapshot FROM scaffolder_tasks WHERE id = ?")) {
      select.setString(1, id);
      try (ResultSet rows = select.executeQuery()) {
        rows.next();
        String secrets = rows.getString(2);
        String snapshot = rows.getString(5);
        return new ClaimedTask(id, json(rows.getString(1)), secrets == null ? Json.object() : json(secrets),
            (ObjectNode) json(rows.getString(3)), owner, rows.getInt(4), snapshot == null ? null : java.util.Base64.getDecoder().decode(snapshot));
      }
    }
  }

  /**
   * Records the finished steps' outputs and the workspace after them ({@code snapshot}, a zip;
   * null: none, the task then starts over when recovered) and renews the lease; false when
   * {@code owner} no longer holds it.
   */
  public boolean checkpoint(String id, String owner, ObjectNode checkpoints, byte[] snapshot, long leaseMillis) throws SQLException {
    try (Connection c = database.connection(); PreparedStatement update = c.prepareStatement(
        "UPDATE scaffolder_tasks SET checkpoints = ?, workspace_snapshot = ?, lease_until = ?, last_heartbeat_at = ? "
            + "WHERE id = ? AND lease_owner = ? AND status = 'processing'")) {
      update.setString(1, checkpoints.toString());
      update.setString(2, snapshot == null ? null : java.util.Base64.getEncoder().encodeToString(snapshot));
      update.setLong(3, clock.millis() + leaseMillis);
      update.setString(4, clock.instant().toString());
      update.setString(5, id);
      update.setString(6, owner);
      return update.executeUpdate() == 1;
    }
  }

  /** Ends the task with {@code status} and {@code output} (null: none); its secrets are dropped. False when {@code owner} lost the lease. */
  public boolean finish(String id, String owner, String status, JsonNode output) throws SQLException {
    try (Connection c = database.connection(); PreparedStatement update = c.prepareStatement(
        "UPDATE scaffolder_tasks SET status = ?, output = ?, secrets = NULL, workspace_snapshot = NULL, lease_owner = NULL, lease_until = NULL, last_heartbeat_at = ? "
            + "WHERE id = ? AND lease_owner = ? AND status = 'processing'")) {
      update.setString(1, status);
      if (output == null) {
        update.setNull(2, Types.VARCHAR);
      } else {
        update.setString(2, output.toString());
      }
      update.setString(3, clock.instant().toString());
      update.setString(4, id);
      update.setString(5, owner);
      return update.executeUpdate() == 1;
    }
  }

  /**
   * Cancels an open task at once (its secrets dropped) and asks a processing one to stop before
   * its next step. The status the task has now, or empty when there is no such task.
   */
  public Optional<String> cancel(String id) throws SQLException {
    try (Connection c = database.connection()) {
      try (PreparedStatement update = c.prepareStatement("UPDATE scaffolder_tasks SET status = 'cancelled', secrets = NULL, workspace_snapshot = NULL WHERE id = ? AND status = 'open'")) {
        update.setString(1, id);
        if (update.executeUpdate() == 1) {
          return Optional.of(CANCELLED);
        }
      }
      try (PreparedStatement update = c.prepareStatement("UPDATE scaffolder_tasks SET cancel_requested = 1 WHERE id = ? AND status = 'processing'")) {
        update.setString(1, id);
        update.executeUpdate();
      }
      return get(id).map(TaskRecord::status);
    }
  }

  /**
   * A failed or cancelled task open again, from its first step, with {@code secrets} (null: none;
   * the first run's were dropped when it ended). False when the task is not failed or cancelled.
   */
  public boolean retry(String id, JsonNode secrets) throws SQLException {
    try (Connection c = database.connection(); PreparedStatement update = c.prepareStatement(
        "UPDATE scaffolder_tasks SET status = 'open', secrets = ?, checkpoints = '{}', workspace_snapshot = NULL, output = NULL, attempts = 0, cancel_requested = 0 "
            + "WHERE id = ? AND status IN ('failed', 'cancelled')")) {
      update.setString(1, secrets == null || secrets.isEmpty() ? null : secrets.toString());
      update.setString(2, id);
      return update.executeUpdate() == 1;
    }
  }

  public boolean cancelRequested(String id) throws SQLException {
    try (Connection c = database.connection(); PreparedStatement select = c.prepareStatement("SELECT cancel_requested FROM scaffolder_tasks WHERE id = ?")) {
      select.setString(1, id);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() && rows.getInt(1) == 1;
      }
    }
  }

  private static TaskRecord record(ResultSet rows) throws SQLException {
    String output = rows.getString(7);
    return new TaskRecord(rows.getString(1), json(rows.getString(2)), rows.getString(3), rows.getString(4), rows.getString(5), rows.getString(6),
        output == null ? null : json(output));
  }

  private static JsonNode json(String text) {
    try {
      return Json.MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored task holds invalid JSON", e);
    }
  }
}
