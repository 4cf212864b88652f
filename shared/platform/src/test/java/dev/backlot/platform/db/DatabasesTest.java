package dev.backlot.platform.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlot.platform.config.Config;
import dev.backlot.platform.config.ConfigException;
import dev.backlot.testing.DatabaseTest;
import dev.backlot.testing.PostgresServers;
import dev.backlot.testing.TestDatabase;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabasesTest {
  @TempDir Path dir;

  @DatabaseTest
  void aConnectedDatabaseIsReachableAndKnowsItsDialect(TestDatabase db) {
    try (Database database = Database.connect(db.jdbcUrl())) {
      assertTrue(database.isReachable());
      assertEquals(db.isPostgres() ? Dialect.POSTGRESQL : Dialect.SQLITE, database.dialect());
    }
  }

  /** The pool asks the dialect's driver directly (DirectDriverDataSource), with Backlot's settings. */
  @DatabaseTest
  void connectionsCarryTheDialectsDriverSettings(TestDatabase db) throws Exception {
    try (Database database = Database.connect(db.jdbcUrl()); Connection connection = database.connection()) {
      if (db.isPostgres()) {
        org.postgresql.PGConnection pg = connection.unwrap(org.postgresql.PGConnection.class);
        assertEquals(0, pg.getPrepareThreshold(), "statements planned with their values");
      } else {
        try (Statement statement = connection.createStatement()) {
          assertEquals("wal", single(statement, "PRAGMA journal_mode"));
          assertEquals("1", single(statement, "PRAGMA foreign_keys"));
          assertEquals("10000", single(statement, "PRAGMA busy_timeout"));
        }
      }
    }
  }

  private static String single(Statement statement, String sql) throws Exception {
    try (ResultSet rows = statement.executeQuery(sql)) {
      assertTrue(rows.next(), sql);
      return rows.getString(1);
    }
  }

  @Test
  void sqliteKeepsOneFilePerPluginInTheConfiguredDirectory() {
    Config config = Config.of(Map.of("client", "better-sqlite3", "connection", Map.of("directory", dir.resolve("data").toString())));
    try (Database catalog = Databases.open(config, "catalog"); Database docs = Databases.open(config, "api-docs")) {
      assertTrue(catalog.isReachable() && docs.isReachable());
    }
    assertTrue(Files.exists(dir.resolve("data/catalog.sqlite")));
    assertTrue(Files.exists(dir.resolve("data/api-docs.sqlite")));
  }

  @Test
  void postgresGetsOneDatabasePerPluginCreatedOnFirstStart() throws Exception {
    String admin = PostgresServers.shared().adminUrl();
    String plugin = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    String prefix = "backlot_test_";
    String connection = admin.replaceFirst("^jdbc:", "").replaceFirst("/[^/?]*(\\?|$)", "/ignored$1");
    Config config = Config.of(Map.of("client", "pg", "connection", connection, "prefix", prefix));
    try {
      try (Database first = Databases.open(config, plugin); Database again = Databases.open(config, plugin)) {
        assertTrue(first.isReachable() && again.isReachable());
        try (Connection c = first.connection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT current_database()")) {
          r.next();
          assertEquals(prefix + plugin, r.getString(1));
        }
      }
    } finally {
      try (Connection c = DriverManager.getConnection(admin); Statement s = c.createStatement()) {
        s.execute("DROP DATABASE IF EXISTS " + prefix + plugin + " WITH (FORCE)");
      }
    }
  }

  @Test
  void cloudSqlGoesThroughTheSocketFactoryWithIamAuthWithoutAPassword() {
    Properties iam = Databases.cloudSql(Config.of(Map.of("type", "cloudsql", "instance", "acme:europe-west1:backlot", "user", "catalog@acme.iam")));
    assertEquals("com.google.cloud.sql.postgres.SocketFactory", iam.getProperty("socketFactory"));
    assertEquals("acme:europe-west1:backlot", iam.getProperty("cloudSqlInstance"));
    assertEquals("PRIVATE", iam.getProperty("ipTypes"));
    assertEquals("true", iam.getProperty("enableIamAuth"));
    Properties password = Databases.cloudSql(Config.of(Map.of("instance", "a:b:c", "password", "pw", "ipAddressType", "PUBLIC")));
    assertEquals("pw", password.getProperty("password"));
    assertEquals("PUBLIC", password.getProperty("ipTypes"));
    assertFalse(password.containsKey("enableIamAuth"));
  }

  @Test
  void anUnreachableServerIsReportedNotThrown() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    try (Database database = Database.connect("jdbc:postgresql://127.0.0.1:" + closedPort + "/x?connectTimeout=1", new Properties(), 1)) {
      assertFalse(database.isReachable());
    }
  }

  @Test
  void unsafeNamesAndClientsAreRefused() {
    assertThrows(ConfigException.class, () -> Databases.databaseName(Config.of(Map.of("prefix", "x; DROP")), "catalog"));
    assertThrows(ConfigException.class, () -> Databases.open(Config.of(Map.of("client", "mysql2")), "catalog"));
    assertEquals("backlot_api_docs", Databases.databaseName(Config.empty(), "api-docs"));
  }
}
