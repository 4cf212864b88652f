package dev.backlot.catalog.ingestion;

import dev.backlot.platform.config.Config;
import dev.backlot.platform.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * How large a file a location reader hands on may be: a catalog file, or what a placeholder
 * names, {@code catalog.maxFileBytes}. Backstage reads any size; a function holds the file, its
 * text and its parsed entities in memory at once, up to about ten times the file's size, so the
 * default is what the function's heap holds with room to spare (docs/catalog.md says how much).
 * Readers stop at one byte past the limit, or before reading when the size is known beforehand,
 * so a huge file costs at most the limit in memory before it is refused.
 */
public record FileSizeLimit(long maxBytes) {
  public static final String KEY = "catalog.maxFileBytes";
  /** The text is one Java string and one byte array: both are bounded by an int. */
  private static final long CEILING = 1L << 30;
  private static final long DEFAULT = 10L * 1024 * 1024;

  public FileSizeLimit {
    if (maxBytes < 1 || maxBytes > CEILING) {
      throw new ConfigException(KEY + " must be between 1 and " + CEILING + " (1 GiB), not " + maxBytes);
    }
  }

  public static FileSizeLimit fromConfig(Config config) {
    return new FileSizeLimit(config.getOptionalLong(KEY).orElse(DEFAULT));
  }

  /** Refuses {@code what} when its size, known before reading, is over the limit. */
  public void check(String what, long size) throws TooLarge {
    if (size > maxBytes) {
      throw new TooLarge(what + " is " + amount(size) + ", over " + KEY + ": " + amount(maxBytes));
    }
  }

  /**
   * The UTF-8 text of {@code body}, read no further than the limit; {@code declaredSize} (a
   * Content-Length, -1 when there is none) over the limit refuses it before reading at all.
   */
  public String read(String what, InputStream body, long declaredSize) throws IOException {
    if (declaredSize >= 0) {
      check(what, declaredSize);
    }
    byte[] bytes = body.readNBytes((int) maxBytes + 1);
    if (bytes.length > maxBytes) {
      throw new TooLarge(what + " is larger than " + KEY + ": " + amount(maxBytes) + "; reading stopped after " + amount(bytes.length));
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** {@code 31457280 bytes (30.0 MiB)}: exact, and readable. */
  private static String amount(long bytes) {
    boolean mebibytes = bytes >= 1024 * 1024;
    double scaled = bytes / (mebibytes ? 1024.0 * 1024.0 : 1024.0);
    return bytes + " bytes (" + String.format(Locale.ROOT, "%.1f %s", scaled, mebibytes ? "MiB" : "KiB") + ")";
  }

  /** A file over the limit: the catalog's own refusal, not the source's. */
  public static final class TooLarge extends IOException {
    TooLarge(String message) {
      super(message);
    }
  }
}
