package dev.backlot.apidocs.diff;

/** How places inside a schema are written: {@code pet.tags[].name}. */
final class Locations {
  private Locations() {}

  static String join(String parent, String child) {
    if (parent.isEmpty()) {
      return child;
    }
    if (child.isEmpty()) {
      return parent;
    }
    return child.startsWith("[") || child.startsWith("<") || child.startsWith("{") ? parent + child : parent + "." + child;
  }
}
