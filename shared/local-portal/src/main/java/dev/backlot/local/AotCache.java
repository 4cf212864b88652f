package dev.backlot.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

/**
 * Where a function's JDK AOT cache lives. The JVM rejects a cache made by another JDK build or
 * for another class path, so the file name carries a fingerprint of both (jar sizes and times
 * included): any rebuild trains a fresh cache instead of silently running without one.
 */
public final class AotCache {
  private AotCache() {}

  public static Path file(Path cacheDir, String name, List<Path> classpath) {
    return cacheDir.resolve(name + "-" + fingerprint(classpath) + ".aot");
  }

  static String fingerprint(List<Path> classpath) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      update(digest, System.getProperty("java.home"));
      update(digest, Runtime.version().toString());
      update(digest, String.join(" ", JvmFlags.BASE));
      for (Path entry : classpath) {
        update(digest, entry.toAbsolutePath().toString());
        if (Files.exists(entry)) {
          update(digest, Files.size(entry) + ":" + Files.getLastModifiedTime(entry).toMillis());
        }
      }
      return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  private static void update(MessageDigest digest, String value) {
    digest.update(value.getBytes(StandardCharsets.UTF_8));
    digest.update((byte) 0);
  }

  /**
   * Waits until the JVM has written {@code cache}: the file appears before it is complete, so it
   * counts as written once it has stopped changing for a second. False if that does not happen
   * within {@code timeout}.
   */
  public static boolean awaitWritten(Path cache, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = null;
    long stableSince = 0;
    while (System.nanoTime() < deadline) {
      String now = sizeAndTime(cache);
      if (now != null && now.equals(last)) {
        if (System.nanoTime() - stableSince >= Duration.ofSeconds(1).toNanos()) {
          return true;
        }
      } else {
        last = now;
        stableSince = System.nanoTime();
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return false;
  }

  private static String sizeAndTime(Path file) {
    try {
      return Files.size(file) + "@" + Files.getLastModifiedTime(file).toMillis();
    } catch (IOException e) {
      return null;
    }
  }
}
