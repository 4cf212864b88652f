package dev.backlot.apidocs.storage;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Versions are the sha256 of the content, so storing the same definition twice stores it once. */
public final class ContentHash {
  private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

  private ContentHash() {}

  public static String of(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** Whether {@code version} can be a version id (and so a safe key segment). */
  public static boolean isVersion(String version) {
    return version != null && HEX.matcher(version).matches();
  }
}
