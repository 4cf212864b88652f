package dev.backlot.platform.db;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import javax.sql.DataSource;

/** A plugin's own database: a connection pool that knows its dialect. */
public final class Database implements AutoCloseable {
  private final HikariDataSource pool;
  private final Dialect dialect;

  private Database(HikariDataSource pool, Dialect dialect) {
    this.pool = pool;
    this.dialect = dialect;
  }

  /**
   * Opens a pool on {@code jdbcUrl}. Connections are made lazily, so opening costs no round
   * trip; {@code properties} go to the driver (Cloud SQL's socket factory reads them).
   */
  public static Database connect(String jdbcUrl, Properties properties, int maxPoolSize) {
    Dialect dialect = Dialect.ofJdbcUrl(jdbcUrl);
    Properties driverProperties = new Properties();
    driverProperties.putAll(properties);
    // Configured in place: new HikariDataSource(config) copies every field through reflection,
    // a cost on each cold start. The pool itself starts at the first connection.
    HikariDataSource pool = new HikariDataSource();
    pool.setPoolName("backlot-" + dialect.name().toLowerCase());
    pool.setMinimumIdle(0);
    pool.setInitializationFailTimeout(-1);
    pool.setConnectionTimeout(5_000);
    pool.setValidationTimeout(2_000);
    if (dialect == Dialect.SQLITE) {
      // SQLite serializes writers; a second writer waits busy_timeout instead of failing.
      pool.setMaximumPoolSize(Math.min(maxPoolSize, 4));
      pool.setConnectionInitSql("PRAGMA busy_timeout = 10000");
      driverProperties.setProperty("foreign_keys", "true");
      // A transaction takes the write lock when it begins: one that read first and wrote later
      // would fail with SQLITE_BUSY if another writer got in between, as busy_timeout cannot
      // help a deferred transaction upgrade.
      driverProperties.setProperty("transaction_mode", "IMMEDIATE");
      driverProperties.setProperty("journal_mode", "WAL");
      driverProperties.setProperty("synchronous", "NORMAL");
    } else {
      pool.setMaximumPoolSize(maxPoolSize);
      // One multi-row INSERT per batch instead of one round trip per row.
      driverProperties.setProperty("reWriteBatchedInserts", "true");
      // Every statement is planned with its values. A server-side prepared statement switches to
      // a generic plan after five runs, and for filters over key/value rows that plan guesses
      // selectivity blind: a catalog page measured 70 ms instead of 1 ms. Short-lived serverless
      // instances gain little from prepared plans anyway.
      driverProperties.setProperty("prepareThreshold", "0");
    }
    pool.setDataSource(new DirectDriverDataSource(dialect.driver(), jdbcUrl, driverProperties));
    return new Database(pool, dialect);
  }

  public static Database connect(String jdbcUrl) {
    return connect(jdbcUrl, new Properties(), 4);
  }

  public DataSource dataSource() {
    return pool;
  }

  public Connection connection() throws SQLException {
    return pool.getConnection();
  }

  public Dialect dialect() {
    return dialect;
  }

  /** Whether a trivial query succeeds within two seconds; never throws. */
  public boolean isReachable() {
    try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
      statement.setQueryTimeout(2);
      return statement.execute("SELECT 1");
    } catch (SQLException | RuntimeException e) {
      return false;
    }
  }

  @Override
  public void close() {
    pool.close();
  }
}
