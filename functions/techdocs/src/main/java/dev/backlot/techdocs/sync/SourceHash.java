package dev.backlot.techdocs.sync;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The content hash of a docs source: SHA-256 over every path and its bytes, in path order, plus
 * the generator's version, so a new generator rebuilds every site once. Stored as the site's
 * {@code etag} in techdocs_metadata.json, where Backstage keeps the source's version too.
 */
final class SourceHash {
  /** Raised when the generator's output changes for the same source. */
  static final String GENERATOR_VERSION = "backlot-techdocs-1";

  private SourceHash() {}

  static String of(Map<String, byte[]> files) {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    digest.update(GENERATOR_VERSION.getBytes(StandardCharsets.UTF_8));
    for (Map.Entry<String, byte[]> file : new TreeMap<>(files).entrySet()) {
      byte[] path = file.getKey().getBytes(StandardCharsets.UTF_8);
      digest.update(lengthOf(path.length));
      digest.update(path);
      digest.update(lengthOf(file.getValue().length));
      digest.update(file.getValue());
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static byte[] lengthOf(int length) {
    return new byte[] {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length};
  }
}
