package dev.backlot.platform.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Applies a plugin's SQL migrations at start-up, in version order, each once. Files are {@code
 * V<n>__<description>.sql} in a resource folder, with optional {@code .postgresql.sql} or {@code
 * .sqlite.sql} variants that win for their dialect. A small migrator instead of Flyway keeps cold
 * start in milliseconds. Statements are split on semicolons that end a line.
 */
public final class Migrations {
  static final String HISTORY = "backlot_schema_migrations";
  private static final Pattern FILE = Pattern.compile("V([0-9]+)__([A-Za-z0-9_]+?)(\\.postgresql|\\.sqlite)?\\.sql");
  // Any constant works, as long as every instance of every plugin uses the same one.
  private static final long LOCK_KEY = 0x6261636b6c6f74L;

  record Migration(int version, String description, String file, String sql, String checksum) {}

  private Migrations() {}

  /** Applies the migrations under {@code folder} (e.g. {@code db/migrations}) on {@code code}'s class path. */
  public static int apply(Database database, ClassLoader code, String folder) {
    return apply(database, load(code, folder, database.dialect()));
  }

  static int apply(Database database, List<Migration> migrations) {
    try (Connection connection = database.connection()) {
      lock(connection, database.dialect());
      try {
        createHistory(connection);
        Map<Integer, String> applied = applied(connection);
        int count = 0;
        for (Migration migration : migrations) {
          String checksum = applied.get(migration.version);
          if (checksum != null) {
            if (!checksum.equals(migration.checksum)) {
              throw new IllegalStateException("Migration " + migration.file + " changed after it was applied;"
                  + " add a new migration instead of editing an applied one");
            }
            continue;
          }
          run(connection, migration);
          count++;
        }
        return count;
      } finally {
        unlock(connection, database.dialect());
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Migrations failed: " + e.getMessage(), e);
    }
  }

  private static void lock(Connection connection, Dialect dialect) throws SQLException {
    if (dialect == Dialect.POSTGRESQL) {
      try (Statement statement = connection.createStatement()) {
        statement.execute("SELECT pg_advisory_lock(" + LOCK_KEY + ")");
      }
    } else {
      // BEGIN IMMEDIATE takes SQLite's write lock now; a second instance waits on busy_timeout.
      connection.setAutoCommit(true);
      try (Statement statement = connection.createStatement()) {
        statement.execute("BEGIN IMMEDIATE");
      }
    }
  }

  private static void unlock(Connection connection, Dialect dialect) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      if (dialect == Dialect.POSTGRESQL) {
        statement.execute("SELECT pg_advisory_unlock(" + LOCK_KEY + ")");
      } else if (!connection.getAutoCommit() || inTransaction(connection)) {
        statement.execute("COMMIT");
      }
    }
  }

  private static boolean inTransaction(Connection connection) {
    try (Statement statement = connection.createStatement()) {
      statement.execute("SAVEPOINT backlot_probe");
      statement.execute("RELEASE backlot_probe");
      return true;
    } catch (SQLException e) {
      return false;
    }
  }

  private static void createHistory(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE IF NOT EXISTS " + HISTORY + " (version INTEGER PRIMARY KEY,"
          + " description VARCHAR(200) NOT NULL, checksum VARCHAR(64) NOT NULL, applied_at VARCHAR(40) NOT NULL)");
    }
  }

  private static Map<Integer, String> applied(Connection connection) throws SQLException {
    Map<Integer, String> applied = new TreeMap<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT version, checksum FROM " + HISTORY)) {
      while (rows.next()) {
        applied.put(rows.getInt(1), rows.getString(2));
      }
    }
    return applied;
  }

  private static void run(Connection connection, Migration migration) throws SQLException {
    boolean sqlite = connection.getMetaData().getURL().startsWith("jdbc:sqlite:");
    // On SQLite the whole run already sits in the BEGIN IMMEDIATE transaction.
    if (!sqlite) {
      connection.setAutoCommit(false);
    }
    try (Statement statement = connection.createStatement()) {
      for (String sql : statements(migration.sql)) {
        statement.execute(sql);
      }
      try (PreparedStatement insert = connection.prepareStatement(
          "INSERT INTO " + HISTORY + " (version, description, checksum, applied_at) VALUES (?, ?, ?, ?)")) {
        insert.setInt(1, migration.version);
        insert.setString(2, migration.description);
        insert.setString(3, migration.checksum);
        insert.setString(4, Instant.now().toString());
        insert.executeUpdate();
      }
      if (!sqlite) {
        connection.commit();
      }
    } catch (SQLException e) {
      if (!sqlite) {
        connection.rollback();
      }
      throw new SQLException("in " + migration.file + ": " + e.getMessage(), e.getSQLState(), e);
    } finally {
      if (!sqlite) {
        connection.setAutoCommit(true);
      }
    }
  }

  static List<String> statements(String sql) {
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : sql.split("\n")) {
      String trimmed = line.strip();
      if (trimmed.startsWith("--") || trimmed.isEmpty()) {
        continue;
      }
      current.append(line).append('\n');
      if (trimmed.endsWith(";")) {
        statements.add(current.toString().strip().replaceAll(";$", ""));
        current.setLength(0);
      }
    }
    if (!current.toString().isBlank()) {
      statements.add(current.toString().strip());
    }
    return statements;
  }

  static List<Migration> load(ClassLoader loader, String folder, Dialect dialect) {
    Map<Integer, Migration> common = new TreeMap<>();
    Map<Integer, Migration> specific = new TreeMap<>();
    for (String file : list(loader, folder)) {
      Matcher m = FILE.matcher(file);
      if (!m.matches()) {
        if (file.endsWith(".sql")) {
          throw new IllegalStateException("Migration file " + folder + "/" + file + " must be named V<n>__<description>.sql");
        }
        continue;
      }
      String variant = m.group(3);
      if (variant != null && !(variant + ".sql").equals(dialect.fileSuffix())) {
        continue;
      }
      int version = Integer.parseInt(m.group(1));
      String sql = read(loader, folder + "/" + file);
      Migration migration = new Migration(version, m.group(2), file, sql, sha256(sql));
      Map<Integer, Migration> target = variant == null ? common : specific;
      Migration duplicate = target.put(version, migration);
      if (duplicate != null) {
        throw new IllegalStateException("Two migrations have version " + version + ": " + duplicate.file + " and " + file);
      }
    }
    common.putAll(specific);
    List<Migration> ordered = new ArrayList<>(common.values());
    for (int i = 0; i < ordered.size(); i++) {
      if (ordered.get(i).version != i + 1) {
        throw new IllegalStateException("Migrations in " + folder + " must be numbered 1, 2, 3…; expected V" + (i + 1)
            + " but found " + ordered.get(i).file);
      }
    }
    return ordered;
  }

  private static List<String> list(ClassLoader loader, String folder) {
    URL url = loader.getResource(folder);
    if (url == null) {
      return List.of();
    }
    try {
      if (url.getProtocol().equals("jar")) {
        JarURLConnection connection = (JarURLConnection) url.openConnection();
        connection.setUseCaches(false);
        try (JarFile jar = connection.getJarFile()) {
          String prefix = folder + "/";
          return jar.stream()
              .map(entry -> entry.getName())
              .filter(name -> name.startsWith(prefix) && name.indexOf('/', prefix.length()) < 0 && name.length() > prefix.length())
              .map(name -> name.substring(prefix.length()))
              .sorted()
              .toList();
        }
      }
      try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
        return files.map(p -> p.getFileName().toString()).sorted().toList();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list migrations in " + url, e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot list migrations in " + url, e);
    }
  }

  private static String read(ClassLoader loader, String resource) {
    try (InputStream in = loader.getResourceAsStream(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
