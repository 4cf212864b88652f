package dev.backlot.platform.db;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.backlot.platform.config.Config;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteNativeLibraryTest {
  @TempDir Path dir;

  private String pathBefore;
  private String nameBefore;

  @BeforeEach
  void forgetWhereTheLibraryIs() {
    assumeTrue(SqliteNativeLibrary.resourcePath() != null, "a platform the driver ships a library for");
    pathBefore = System.clearProperty("org.sqlite.lib.path");
    nameBefore = System.clearProperty("org.sqlite.lib.name");
  }

  @AfterEach
  void restore() {
    restore("org.sqlite.lib.path", pathBefore);
    restore("org.sqlite.lib.name", nameBefore);
  }

  @Test
  void aFreshProcessLoadsTheKeptCopyAndCopiesNothingToTheTempFolder() throws Exception {
    assumeTrue(Files.isReadable(Path.of("/proc/self/maps")), "Linux");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path temp = Files.createDirectory(dir.resolve("tmp"));
    for (int start = 0; start < 2; start++) {
      Process process = new ProcessBuilder(java.toString(), "-Djava.io.tmpdir=" + temp, "-cp", System.getProperty("java.class.path"),
          OpenAndShowMappedLibraries.class.getName(), dir.resolve("db").toString()).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(process.waitFor(60, TimeUnit.SECONDS));
      assertEquals(0, process.exitValue(), output);
      List<String> mapped = output.lines().filter(line -> line.contains("sqlitejdbc")).toList();
      assertFalse(mapped.isEmpty(), output);
      assertTrue(mapped.stream().allMatch(line -> line.startsWith(dir.resolve("db").resolve("native").toString())), output);
    }
    try (Stream<Path> left = Files.list(temp)) {
      assertEquals(List.of(), left.filter(p -> p.getFileName().toString().contains("sqlite")).toList());
    }
  }

  @Test
  void theCopyIsTheDriversOwnLibraryReadableByThisUserOnly() throws Exception {
    SqliteNativeLibrary.keepIn(dir);

    Path library = keptCopy();
    assertArrayEquals(driverLibrary(), Files.readAllBytes(library));
    assertEquals("r-x------", PosixFilePermissions.toString(Files.getPosixFilePermissions(library)));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(library.getParent())));
    assertEquals(library.getParent().toAbsolutePath().toString(), System.getProperty("org.sqlite.lib.path"));
  }

  // Attack: someone who may write the folder plants their own library where the copy is kept, to
  // run their code in every function that opens SQLite. A copy others could have written, or a
  // link, is replaced by the driver's library before it is loaded.
  @Test
  void aPlantedLibraryOthersCouldWriteIsReplacedNotLoaded() throws Exception {
    SqliteNativeLibrary.keepIn(dir);
    Path library = keptCopy();
    Files.setPosixFilePermissions(library, PosixFilePermissions.fromString("rw-rw-rw-"));
    Files.writeString(library, "planted");
    System.clearProperty("org.sqlite.lib.path");

    SqliteNativeLibrary.keepIn(dir);

    assertArrayEquals(driverLibrary(), Files.readAllBytes(library));
  }

  @Test
  void aLinkPlantedInPlaceOfTheCopyIsReplacedNotFollowed() throws Exception {
    SqliteNativeLibrary.keepIn(dir);
    Path library = keptCopy();
    Path planted = Files.writeString(dir.resolve("planted.so"), "planted");
    Files.delete(library);
    Files.createSymbolicLink(library, planted);
    System.clearProperty("org.sqlite.lib.path");

    SqliteNativeLibrary.keepIn(dir);

    assertFalse(Files.isSymbolicLink(library));
    assertArrayEquals(driverLibrary(), Files.readAllBytes(library));
    assertEquals("planted", Files.readString(planted));
  }

  @Test
  void aLibraryPathTheOperatorSetIsLeftAlone() {
    System.setProperty("org.sqlite.lib.path", "/opt/sqlite");

    SqliteNativeLibrary.keepIn(dir);

    assertEquals("/opt/sqlite", System.getProperty("org.sqlite.lib.path"));
    assertFalse(Files.exists(dir.resolve("native")));
  }

  private Path keptCopy() throws Exception {
    try (Stream<Path> folders = Files.list(dir.resolve("native"))) {
      Path folder = folders.findFirst().orElseThrow();
      return folder.resolve(System.getProperty("org.sqlite.lib.name"));
    }
  }

  private static byte[] driverLibrary() throws Exception {
    try (InputStream in = SqliteNativeLibrary.class.getResourceAsStream(SqliteNativeLibrary.resourcePath())) {
      assertNotNull(in);
      return in.readAllBytes();
    }
  }

  private static void restore(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }

  /** Opens a SQLite plugin database in a fresh JVM and prints the native libraries it mapped. */
  static final class OpenAndShowMappedLibraries {
    public static void main(String[] args) throws Exception {
      Config database = Config.of(Map.of("client", "better-sqlite3", "connection", Map.of("directory", args[0])));
      try (Database db = Databases.open(database, "probe");
          Connection connection = db.dataSource().getConnection();
          ResultSet rows = connection.createStatement().executeQuery("SELECT sqlite_version()")) {
        rows.next();
      }
      for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
        int path = line.indexOf('/');
        if (path >= 0) {
          System.out.println(line.substring(path));
        }
      }
    }
  }
}
