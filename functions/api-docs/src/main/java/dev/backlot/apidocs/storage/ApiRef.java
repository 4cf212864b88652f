package dev.backlot.apidocs.storage;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An API entity's ref, {@code api:<namespace>/<name>}. Namespace and name become blob key segments,
 * so only Backstage's name characters are accepted: nothing that could be {@code ..}, a slash or
 * a control character ever reaches a key. Refs compare without regard to case, as in Backstage.
 */
public record ApiRef(String namespace, String name) {
  private static final Pattern PART = Pattern.compile("[a-z0-9]([a-z0-9._-]{0,61}[a-z0-9])?");

  public ApiRef {
    namespace = checked("namespace", namespace);
    name = checked("name", name);
  }

  private static String checked(String what, String value) {
    String lower = value == null ? "" : value.toLowerCase(Locale.ROOT);
    if (!PART.matcher(lower).matches()) {
      throw new IllegalArgumentException("Invalid API " + what + " '" + printable(value)
          + "': 1-63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit");
    }
    return lower;
  }

  private static String printable(String value) {
    if (value == null) {
      return "";
    }
    String cut = value.length() > 80 ? value.substring(0, 80) + "…" : value;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }

  /** Parses {@code api:ns/name}, {@code ns/name} or {@code name} (namespace {@code default}). */
  public static ApiRef parse(String ref) {
    String rest = ref == null ? "" : ref.strip();
    int colon = rest.indexOf(':');
    if (colon >= 0) {
      if (!rest.substring(0, colon).equalsIgnoreCase("api")) {
        throw new IllegalArgumentException("Entity ref '" + printable(ref) + "' is not of kind API");
      }
      rest = rest.substring(colon + 1);
    }
    int slash = rest.indexOf('/');
    return slash < 0 ? new ApiRef("default", rest) : new ApiRef(rest.substring(0, slash), rest.substring(slash + 1));
  }

  /** The blob key folder of this API's versions. */
  String keyPrefix() {
    return "apis/" + namespace + "/" + name + "/";
  }

  @Override
  public String toString() {
    return "api:" + namespace + "/" + name;
  }
}
