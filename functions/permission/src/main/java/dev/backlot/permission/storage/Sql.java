package dev.backlot.permission.storage;

import dev.backlot.platform.db.Database;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The few JDBC moves the RBAC tables need: statements with string and number arguments, and transactions. */
final class Sql {
  interface Row<T> {
    T read(ResultSet row) throws SQLException;
  }

  interface Work<T> {
    T run(Connection connection) throws SQLException, IOException;
  }

  private Sql() {}

  static int update(Connection connection, String sql, Object... args) throws SQLException {
    try (PreparedStatement statement = prepared(connection, sql, args)) {
      return statement.executeUpdate();
    }
  }

  static <T> List<T> query(Connection connection, String sql, Row<T> row, Object... args) throws SQLException {
    try (PreparedStatement statement = prepared(connection, sql, args); ResultSet rows = statement.executeQuery()) {
      List<T> read = new ArrayList<>();
      while (rows.next()) {
        read.add(row.read(rows));
      }
      return read;
    }
  }

  /** {@code work} in one transaction, committed when it returns and rolled back when it throws. */
  static <T> T inTransaction(Database database, String what, Work<T> work) throws IOException {
    try (Connection connection = database.connection()) {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | IOException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IOException("cannot " + what, e);
    }
  }

  /** {@code work} on one connection without a transaction of its own. */
  static <T> T read(Database database, String what, Work<T> work) throws IOException {
    try (Connection connection = database.connection()) {
      return work.run(connection);
    } catch (SQLException e) {
      throw new IOException("cannot " + what, e);
    }
  }

  private static PreparedStatement prepared(Connection connection, String sql, Object... args) throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    for (int i = 0; i < args.length; i++) {
      if (args[i] instanceof Long number) {
        statement.setLong(i + 1, number);
      } else {
        statement.setString(i + 1, args[i] == null ? null : args[i].toString());
      }
    }
    return statement;
  }
}
