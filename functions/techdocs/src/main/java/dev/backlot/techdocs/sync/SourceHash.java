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
    MessageDigest digest = digest();
    for (Map.Entry<String, byte[]> file : new TreeMap<>(files).entrySet()) {
      byte[] path = file.getKey().getBytes(StandardCharsets.UTF_8);
      digest.update(lengthOf(path.length));
      digest.update(path);
      digest.update(lengthOf(file.getValue().length));
      digest.update(file.getValue());
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /**
   * The version of a source on GitHub: {@code mkdocs.yml} and the tree SHA of its docs folder,
   * which stands for every path and byte below it (Git's own hash of them).
   */
  static String ofTree(byte[] mkdocsYml, String docsTreeSha) {
    MessageDigest digest = digest();
    digest.update("git-tree".getBytes(StandardCharsets.UTF_8));
    digest.update(lengthOf(mkdocsYml.length));
    digest.update(mkdocsYml);
    digest.update(docsTreeSha.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(digest.digest());
  }

  /**
   * Whether a published site's {@code etag} is one of these hashes, so Backlot's generator built it.
   * techdocs-cli stores the commit it was given ({@code --etag}, 40 hex digits) or nothing: such a
   * site came from CI and is never overwritten.
   */
  static boolean isGenerated(String etag) {
    return etag.matches("[0-9a-f]{64}");
  }

  private static MessageDigest digest() {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    digest.update(GENERATOR_VERSION.getBytes(StandardCharsets.UTF_8));
    return digest;
  }

  private static byte[] lengthOf(int length) {
    return new byte[] {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length};
  }
}
