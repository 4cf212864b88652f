package dev.backlot.platform.db;

/** The two SQL dialects Backlot supports; SQL that differs between them is split explicitly. */
public enum Dialect {
  SQLITE,
  POSTGRESQL;

  static Dialect ofJdbcUrl(String url) {
    if (url.startsWith("jdbc:sqlite:")) {
      return SQLITE;
    }
    if (url.startsWith("jdbc:postgresql:")) {
      return POSTGRESQL;
    }
    throw new IllegalArgumentException("unsupported JDBC URL (SQLite or PostgreSQL only): " + url.replaceAll("password=[^&]*", "password=***"));
  }

  /** The dialect's JDBC driver, made directly (DirectDriverDataSource says why). */
  java.sql.Driver driver() {
    return this == SQLITE ? new org.sqlite.JDBC() : new org.postgresql.Driver();
  }

  /** The suffix of dialect-specific migration files, e.g. {@code V2__x.postgresql.sql}. */
  String fileSuffix() {
    return "." + name().toLowerCase() + ".sql";
  }
}
