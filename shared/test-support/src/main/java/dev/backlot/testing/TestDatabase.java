package dev.backlot.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.opentest4j.TestAbortedException;

/**
 * A database a test may use freely: a SQLite file or a fresh PostgreSQL database, both private
 * to the test class and deleted after it.
 *
 * @param dialect {@code sqlite} or {@code postgresql}
 * @param jdbcUrl where to connect, credentials included for PostgreSQL
 * @param unavailableReason why this dialect cannot run here, or null when it can
 */
public record TestDatabase(String dialect, String jdbcUrl, String unavailableReason) {
  public static final String SQLITE = "sqlite";
  public static final String POSTGRESQL = "postgresql";

  public boolean isPostgres() {
    return POSTGRESQL.equals(dialect);
  }

  public Connection connect() throws SQLException {
    if (unavailableReason != null) {
      throw new TestAbortedException(unavailableReason);
    }
    return DriverManager.getConnection(jdbcUrl);
  }

  @Override
  public String toString() {
    return dialect;
  }
}
