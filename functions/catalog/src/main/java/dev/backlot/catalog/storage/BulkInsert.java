package dev.backlot.catalog.storage;

import dev.backlot.platform.db.Dialect;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.postgresql.PGConnection;

/**
 * Appends rows to one table in bulk, for the tens of search and relation rows each entity has:
 * COPY on PostgreSQL (one stream, no per-row statement work), batched INSERTs on SQLite.
 */
abstract class BulkInsert implements AutoCloseable {
  static BulkInsert into(Connection connection, Dialect dialect, String table, List<String> columns) throws SQLException {
    return dialect == Dialect.POSTGRESQL ? new Copy(connection, table, columns) : new Batch(connection, table, columns);
  }

  /** One row; values are strings, numbers or null. */
  abstract void add(Object... values) throws SQLException;

  /** Sends the rows added since the last flush. */
  abstract void flush() throws SQLException;

  @Override
  public abstract void close() throws SQLException;

  private static final class Batch extends BulkInsert {
    private final PreparedStatement insert;

    Batch(Connection connection, String table, List<String> columns) throws SQLException {
      insert = connection.prepareStatement("INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
          + InList.marks(columns.size()) + ")");
    }

    @Override
    void add(Object... values) throws SQLException {
      for (int i = 0; i < values.length; i++) {
        insert.setObject(i + 1, values[i]);
      }
      insert.addBatch();
    }

    @Override
    void flush() throws SQLException {
      insert.executeBatch();
    }

    @Override
    public void close() throws SQLException {
      insert.close();
    }
  }

  private static final class Copy extends BulkInsert {
    private final Connection connection;
    private final String sql;
    private final StringBuilder rows = new StringBuilder();

    Copy(Connection connection, String table, List<String> columns) {
      this.connection = connection;
      this.sql = "COPY " + table + " (" + String.join(", ", columns) + ") FROM STDIN";
    }

    @Override
    void add(Object... values) {
      for (int i = 0; i < values.length; i++) {
        if (i > 0) {
          rows.append('\t');
        }
        if (values[i] == null) {
          rows.append("\\N");
        } else {
          escape(values[i].toString());
        }
      }
      rows.append('\n');
    }

    /** COPY's text format: backslash, tab and line breaks escaped. */
    private void escape(String value) {
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        switch (c) {
          case '\\' -> rows.append("\\\\");
          case '\t' -> rows.append("\\t");
          case '\n' -> rows.append("\\n");
          case '\r' -> rows.append("\\r");
          default -> rows.append(c);
        }
      }
    }

    @Override
    void flush() throws SQLException {
      if (rows.isEmpty()) {
        return;
      }
      try {
        connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new StringReader(rows.toString()));
      } catch (IOException e) {
        throw new SQLException("COPY failed: " + e.getMessage(), e);
      }
      rows.setLength(0);
    }

    @Override
    public void close() {
      rows.setLength(0);
    }
  }
}
