package dev.backlot.catalog.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Runs a query over the rows whose column is one of many values: the {@code IN (…)} list is bound
 * 500 values at a time, within the bind-parameter limits of both databases.
 */
final class InList {
  private static final int CHUNK = 500;

  /** Reads one result row. */
  interface RowReader {
    void read(ResultSet row) throws SQLException;
  }

  private InList() {}

  /** The placeholders of a list of {@code count} parameters: {@code ?,?,?}. */
  static String marks(int count) {
    return "?,".repeat(count - 1) + "?";
  }

  /** Runs {@code sql}, whose {@code %s} stands for the list, once per chunk of {@code values}. */
  static void query(Connection connection, String sql, List<String> values, RowReader reader) throws SQLException {
    for (int start = 0; start < values.size(); start += CHUNK) {
      List<String> chunk = values.subList(start, Math.min(values.size(), start + CHUNK));
      try (PreparedStatement select = connection.prepareStatement(sql.formatted(marks(chunk.size())))) {
        for (int i = 0; i < chunk.size(); i++) {
          select.setString(i + 1, chunk.get(i));
        }
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            reader.read(rows);
          }
        }
      }
    }
  }
}
