package dev.backlot.search.storage;

import dev.backlot.platform.db.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;

/**
 * Where each type's full indexing pass stands ({@code search_index_runs}): the run number, the
 * collator's cursor (null once the run finished) and how many documents it wrote. A request that
 * runs out of time leaves the cursor here, and the next one continues from it.
 */
public final class IndexRuns {
  /** {@code finishedAt} is null while the run goes on. */
  public record Run(String type, long run, String cursor, long documents, java.time.Instant finishedAt) {
    public boolean finished() {
      return finishedAt != null;
    }
  }

  private final Database database;
  private final Clock clock;

  public IndexRuns(Database database, Clock clock) {
    this.database = database;
    this.clock = clock;
  }

  public Optional<Run> current(String type) {
    try (Connection c = database.connection();
        PreparedStatement select = c.prepareStatement("SELECT run, cursor, documents, finished_at FROM search_index_runs WHERE type = ?")) {
      select.setString(1, type);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Optional.of(new Run(type, row.getLong(1), row.getString(2), row.getLong(3),
            row.getString(4) == null ? null : java.time.Instant.parse(row.getString(4)))) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the indexing run of " + type, e);
    }
  }

  /** The run incremental writes stamp: the current one, so that its end keeps them (0 before any). */
  public long stamp(String type) {
    return current(type).map(Run::run).orElse(0L);
  }

  /** Starts the run after {@code previous} (0: none) at the beginning. */
  public Run start(String type, long previous) {
    long run = previous + 1;
    String now = clock.instant().toString();
    update(previous == 0
        ? "INSERT INTO search_index_runs (run, cursor, documents, started_at, finished_at, type) VALUES (?, NULL, 0, ?, NULL, ?)"
        : "UPDATE search_index_runs SET run = ?, cursor = NULL, documents = 0, started_at = ?, finished_at = NULL WHERE type = ?", run, now, type);
    return new Run(type, run, null, 0, null);
  }

  /** Records that run {@code run} got to {@code cursor} having written {@code written} more documents. */
  public void advance(String type, long run, String cursor, long written) {
    update("UPDATE search_index_runs SET cursor = ?, documents = documents + ? WHERE type = ? AND run = ?", cursor, written, type, run);
  }

  public void finish(String type, long run, long written) {
    update("UPDATE search_index_runs SET cursor = NULL, documents = documents + ?, finished_at = ? WHERE type = ? AND run = ?",
        written, clock.instant().toString(), type, run);
  }

  private void update(String sql, Object... values) {
    try (Connection c = database.connection(); PreparedStatement statement = c.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        statement.setObject(i + 1, values[i]);
      }
      statement.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot record an indexing run", e);
    }
  }
}
