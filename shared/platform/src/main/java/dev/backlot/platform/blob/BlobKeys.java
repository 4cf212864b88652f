package dev.backlot.platform.blob;

import java.nio.charset.StandardCharsets;

/** The one rule for object keys, shared by every store: relative, normalised, printable. */
public final class BlobKeys {
  static final int MAX_BYTES = 1024;

  private BlobKeys() {}

  /** Returns {@code key} when it is safe, else throws naming the problem. */
  public static String check(String key) {
    if (key == null || key.isEmpty()) {
      throw new IllegalArgumentException("blob key is empty");
    }
    if (key.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      throw new IllegalArgumentException("blob key is longer than " + MAX_BYTES + " bytes");
    }
    if (key.startsWith("/")) {
      throw new IllegalArgumentException("blob key must be relative, not start with '/': " + printable(key));
    }
    if (key.indexOf('\\') >= 0) {
      throw new IllegalArgumentException("blob key must not contain '\\': " + printable(key));
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        throw new IllegalArgumentException("blob key must not contain control characters: " + printable(key));
      }
    }
    checkPrefix(key);
    if (key.endsWith("/")) {
      throw new IllegalArgumentException("blob key must not end with '/': " + printable(key));
    }
    return key;
  }

  /** Prefixes for listing follow the same rules but may be empty or end with '/'. */
  static String checkPrefix(String prefix) {
    String[] segments = prefix.split("/", -1);
    for (int i = 0; i < segments.length; i++) {
      String segment = segments[i];
      if (segment.equals(".") || segment.equals("..")) {
        throw new IllegalArgumentException("blob key must not contain '.' or '..' segments: " + printable(prefix));
      }
      if (segment.isEmpty() && i > 0 && i < segments.length - 1) {
        throw new IllegalArgumentException("blob key must not contain '//': " + printable(prefix));
      }
    }
    return prefix;
  }

  private static String printable(String key) {
    StringBuilder out = new StringBuilder();
    key.codePoints().limit(80).forEach(c -> out.append(c < 0x20 || c == 0x7f ? "\\u" + String.format("%04x", c) : Character.toString(c)));
    return "'" + out + (key.length() > 80 ? "…" : "") + "'";
  }
}
