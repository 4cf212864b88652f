package dev.backlot.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class PostgresServersTest {
  @Test
  void aPerClassDatabaseUrlKeepsTheServerAndCredentials() {
    assertEquals("jdbc:postgresql://127.0.0.1:5432/backlot_test_x?user=postgres",
        PostgresServers.withDatabase("jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres", "backlot_test_x"));
    assertEquals("jdbc:postgresql://db:5433/t", PostgresServers.withDatabase("jdbc:postgresql://db:5433/admin", "t"));
  }

  @Test
  void aMalformedUrlIsAReasonNotACrash() {
    PostgresServers servers = PostgresServers.fromEnvironment(Map.of(PostgresServers.URL_VARIABLE, "postgres://nope")::get);
    TestDatabase database = servers.createDatabase().database();
    assertTrue(database.unavailableReason().contains("must look like jdbc:postgresql://"), database.unavailableReason());
    assertThrows(TestAbortedException.class, database::connect);
  }

  @Test
  void createdDatabasesAreFreshAndDroppedAfterwards() throws Exception {
    PostgresServers servers = PostgresServers.shared();
    String admin = servers.adminUrl();
    PostgresServers.Created created = servers.createDatabase();
    String name = created.database().jdbcUrl().replaceAll(".*/([^/?]+)(\\?.*)?$", "$1");
    try (Connection c = created.database().connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT current_database()")) {
      r.next();
      assertEquals(name, r.getString(1));
    }
    created.drop();
    try (Connection c = DriverManager.getConnection(admin); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
      assertEquals(false, r.next(), name + " was dropped");
    }
  }

  @Test
  void sqliteNeedsNoServer() {
    assertNull(new TestDatabase(TestDatabase.SQLITE, "jdbc:sqlite::memory:", null).unavailableReason());
  }
}
