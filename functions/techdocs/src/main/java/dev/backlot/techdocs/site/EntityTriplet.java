package dev.backlot.techdocs.site;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An entity's {@code namespace/kind/name} as it names a docs site. The parts are held to the
 * catalog's own rules for them, which admit no '/', '\', '%' or '..', so a triplet can never step
 * out of its folder in the store.
 */
public record EntityTriplet(String namespace, String kind, String name) {
  // Backstage's catalog-model rules: a DNS label for the namespace, a letter-led word for the
  // kind, and [a-z0-9] runs joined by one of -_. for the name (63 characters each at most).
  private static final Pattern NAMESPACE = Pattern.compile("[a-zA-Z0-9]+(-+[a-zA-Z0-9]+)*");
  private static final Pattern KIND = Pattern.compile("[a-zA-Z][a-zA-Z0-9]*");
  private static final Pattern NAME = Pattern.compile("([a-zA-Z0-9]+[-_.])*[a-zA-Z0-9]+");
  private static final int MAX_LENGTH = 63;

  public EntityTriplet {
    check("namespace", namespace, NAMESPACE);
    check("kind", kind, KIND);
    check("name", name, NAME);
  }

  private static void check(String part, String value, Pattern rule) {
    if (value == null || value.isEmpty() || value.length() > MAX_LENGTH || !rule.matcher(value).matches()) {
      throw new IllegalArgumentException("Invalid entity " + part + " '" + Printable.of(value) + "'");
    }
  }

  /**
   * The folder of the site in the store: {@code namespace/kind/name}, lower-cased as Backstage's
   * publishers write it unless {@code techdocs.legacyUseCaseSensitiveTripletPaths} keeps the case.
   */
  public String folder(boolean legacyCasing) {
    String folder = namespace + "/" + kind + "/" + name;
    return legacyCasing ? folder : folder.toLowerCase(Locale.ROOT);
  }

  /** {@code kind:namespace/name}, as the catalog names it. */
  public String entityRef() {
    return kind.toLowerCase(Locale.ROOT) + ":" + namespace.toLowerCase(Locale.ROOT) + "/" + name.toLowerCase(Locale.ROOT);
  }
}
