package dev.backlot.platform.db;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Set;

/**
 * Keeps sqlite-jdbc's native library in a folder beside the SQLite files, so a start loads it
 * from there. Left to itself the driver copies the 1 MiB library into the temp folder on every
 * start, hashes it, compares it byte by byte and runs {@code uname} to tell its platform: about
 * 150 ms of CPU of each local function start (docs/performance.md). The copy here is made once
 * per driver build (named by the library's CRC in the jar) and trusted only while it and its
 * folder are this user's and writable by no one else, as the driver's own temp copy is.
 */
final class SqliteNativeLibrary {
  private static final Set<PosixFilePermission> GROUP_OR_OTHERS_WRITE =
      Set.of(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);

  private SqliteNativeLibrary() {}

  /**
   * Points the driver at the kept copy under {@code directory}, making it first if needed. Does
   * nothing when the driver was already told where its library is, on platforms this does not
   * know, or when the copy cannot be made: the driver then loads the library its own way.
   */
  static synchronized void keepIn(Path directory) {
    if (System.getProperty("org.sqlite.lib.path") != null) {
      return;
    }
    String resource = resourcePath();
    URL url = resource == null ? null : SqliteNativeLibrary.class.getResource(resource);
    if (url == null) {
      return;
    }
    try {
      String fileName = resource.substring(resource.lastIndexOf('/') + 1);
      Path folder = directory.resolve("native").resolve("sqlite-" + Long.toHexString(crc(url)));
      Path library = folder.resolve(fileName);
      if (!trusted(folder) || !trusted(library)) {
        copy(url, folder, library);
      }
      System.setProperty("org.sqlite.lib.path", folder.toAbsolutePath().toString());
      System.setProperty("org.sqlite.lib.name", fileName);
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      // The driver's own loading still works; only the start is slower.
    }
  }

  /** The library's path in sqlite-jdbc's jar for this JVM's platform, as the driver lays it out. */
  static String resourcePath() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = switch (System.getProperty("os.arch", "")) {
      case "amd64", "x86_64" -> "x86_64";
      case "aarch64", "arm64" -> "aarch64";
      default -> null;
    };
    if (arch == null) {
      return null;
    }
    if (os.startsWith("linux") && !musl()) {
      return "/org/sqlite/native/Linux/" + arch + "/libsqlitejdbc.so";
    }
    if (os.startsWith("mac")) {
      return "/org/sqlite/native/Mac/" + arch + "/libsqlitejdbc.dylib";
    }
    return null;
  }

  /** Alpine's musl needs the driver's Linux-Musl build; the driver's own detection handles it. */
  private static boolean musl() {
    return Files.exists(Path.of("/etc/alpine-release"));
  }

  private static long crc(URL url) throws IOException {
    if (url.openConnection() instanceof JarURLConnection jar) {
      return jar.getJarEntry().getCrc();
    }
    throw new IOException("sqlite-jdbc is not loaded from a jar: " + url);
  }

  private static boolean trusted(Path path) throws IOException {
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(path)) {
      return false;
    }
    String owner = Files.getOwner(path, LinkOption.NOFOLLOW_LINKS).getName();
    Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
    return owner.equals(System.getProperty("user.name")) && permissions.stream().noneMatch(GROUP_OR_OTHERS_WRITE::contains);
  }

  /** Writes a private copy next to its final name and moves it in, so a reader never sees half a file. */
  private static void copy(URL url, Path folder, Path library) throws IOException {
    Files.createDirectories(folder);
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
    Path partial = Files.createTempFile(folder, "partial-", ".tmp", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try (InputStream in = url.openStream()) {
      Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
      Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("r-x------"));
      Files.move(partial, library, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(partial);
    }
  }
}
