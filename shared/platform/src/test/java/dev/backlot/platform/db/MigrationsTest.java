package dev.backlot.platform.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlot.testing.DatabaseTest;
import dev.backlot.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class MigrationsTest {
  private static final ClassLoader CODE = MigrationsTest.class.getClassLoader();

  private static void reset(TestDatabase db) throws SQLException {
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS things");
      s.execute("DROP TABLE IF EXISTS " + Migrations.HISTORY);
    }
  }

  private static String scalar(TestDatabase db, String sql) throws SQLException {
    try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rows = s.executeQuery(sql)) {
      return rows.next() ? rows.getString(1) : null;
    }
  }

  @DatabaseTest
  void appliesInOrderOnceChoosingTheDialectsVariant(TestDatabase db) throws SQLException {
    reset(db);
    try (Database database = Database.connect(db.jdbcUrl())) {
      assertEquals(3, Migrations.apply(database, CODE, "db/ordered"));
      assertEquals(0, Migrations.apply(database, CODE, "db/ordered"), "a second run applies nothing");
    }
    assertEquals(db.isPostgres() ? "postgresql" : "common", scalar(db, "SELECT notes FROM things WHERE id = 1"));
    assertEquals("3", scalar(db, "SELECT COUNT(*) FROM " + Migrations.HISTORY));
  }

  @DatabaseTest
  void anEditedMigrationIsRefused(TestDatabase db) throws SQLException {
    reset(db);
    try (Database database = Database.connect(db.jdbcUrl())) {
      Migrations.apply(database, CODE, "db/ordered");
      try (Connection c = db.connect(); Statement s = c.createStatement()) {
        s.execute("UPDATE " + Migrations.HISTORY + " SET checksum = 'edited' WHERE version = 1");
      }
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> Migrations.apply(database, CODE, "db/ordered"));
      assertTrue(e.getMessage().contains("V1__create_things.sql changed"), e.getMessage());
    }
  }

  @DatabaseTest
  void twoInstancesStartingAtOnceApplyEachMigrationOnce(TestDatabase db) throws Exception {
    reset(db);
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Future<Integer>> runs = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      runs.add(pool.submit((Callable<Integer>) () -> {
        try (Database database = Database.connect(db.jdbcUrl())) {
          start.await();
          return Migrations.apply(database, CODE, "db/ordered");
        }
      }));
    }
    start.countDown();
    int total = 0;
    for (Future<Integer> run : runs) {
      total += run.get();
    }
    pool.shutdown();
    assertEquals(3, total, "between them the two instances applied each migration exactly once");
    assertEquals("1", scalar(db, "SELECT COUNT(*) FROM things"));
    assertEquals("3", scalar(db, "SELECT COUNT(*) FROM " + Migrations.HISTORY));
  }

  @Test
  void gapsAndDuplicateVersionsAreRefused() {
    IllegalStateException gap = assertThrows(IllegalStateException.class, () -> Migrations.load(CODE, "db/gap", Dialect.SQLITE));
    assertTrue(gap.getMessage().contains("expected V2 but found V3__c.sql"), gap.getMessage());
    IllegalStateException duplicate = assertThrows(IllegalStateException.class, () -> Migrations.load(CODE, "db/duplicate", Dialect.SQLITE));
    assertTrue(duplicate.getMessage().contains("Two migrations have version 1"), duplicate.getMessage());
  }

  @Test
  void statementsSplitOnLineEndingSemicolonsAndSkipComments() {
    assertEquals(List.of("CREATE TABLE a (\n  x TEXT DEFAULT 'a;b'\n)", "INSERT INTO a VALUES ('x')"),
        Migrations.statements("-- comment\nCREATE TABLE a (\n  x TEXT DEFAULT 'a;b'\n);\n\nINSERT INTO a VALUES ('x');\n"));
  }

  @Test
  void aPluginWithoutMigrationsHasNothingToApply() {
    assertEquals(List.of(), Migrations.load(CODE, "db/none-here", Dialect.POSTGRESQL));
  }
}
