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
  void withoutTheVariableAServerOnLoopbackThatLetsPostgresInIsUsed() throws Exception {
    PostgresServers servers = PostgresServers.fromEnvironment(Map.<String, String>of()::get);
    // Without a server on 127.0.0.1:5432 (or Docker) this skips, or on CI fails, with the reason why.
    assertEquals(PostgresServers.LOOPBACK_URL, servers.adminUrl());
    PostgresServers.Created created = servers.createDatabase();
    try (Connection c = created.database().connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT 1")) {
      assertTrue(r.next());
    } finally {
      created.drop();
    }
  }

  @Test
  void aPortWhereNothingListensOrAUserTheServerRefusesIsTheReasonForSkipping() throws Exception {
    int free;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      free = socket.getLocalPort();
    }
    assertEquals("nothing listens on 127.0.0.1:" + free,
        PostgresServers.loopbackRefusal("jdbc:postgresql://127.0.0.1:" + free + "/postgres?user=postgres"));
    String admin = PostgresServers.shared().adminUrl();
    String hostAndPort = admin.replaceAll("jdbc:postgresql://([^/]+)/.*", "$1");
    String refused = PostgresServers.loopbackRefusal("jdbc:postgresql://" + hostAndPort + "/postgres?user=no_such_role_x");
    assertTrue(refused.startsWith("PostgreSQL on " + hostAndPort + " refused user no_such_role_x ("), refused);
  }

  @Test
  void theSummaryCountsTheCasesAServerWouldHaveRun() {
    assertEquals("backlot: 27 PostgreSQL cases skipped: nothing listens on 127.0.0.1:5432",
        SkippedCasesSummary.line("PostgreSQL tests skipped: nothing listens on 127.0.0.1:5432", 27));
    assertEquals("backlot: 1 Redis case skipped: nothing listens at redis://127.0.0.1:6379",
        SkippedCasesSummary.line("Redis tests skipped: nothing listens at redis://127.0.0.1:6379", 1));
  }

  @Test
  void sqliteNeedsNoServer() {
    assertNull(new TestDatabase(TestDatabase.SQLITE, "jdbc:sqlite::memory:", null).unavailableReason());
  }
}
