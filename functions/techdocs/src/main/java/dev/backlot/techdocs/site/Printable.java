package dev.backlot.techdocs.site;

/** Caller input as it may appear in an error message: control characters escaped, length bounded. */
final class Printable {
  private static final int MAX = 80;

  private Printable() {}

  static String of(String value) {
    if (value == null) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    value.codePoints().limit(MAX).forEach(c -> out.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", c) : Character.toString(c)));
    return out + (value.length() > MAX ? "…" : "");
  }
}
