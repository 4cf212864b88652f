package dev.backlot.permission.rbac;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The entity references policies name, checked as RHDH's {@code validateEntityReference} checks
 * them: the full form {@code kind:namespace/name} only, kind user, group or role, Backstage's name
 * and namespace rules. Each check answers the message RHDH gives, naming the reference.
 */
public final class EntityRefs {
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9]+([._-][a-zA-Z0-9]+)*");
  private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

  private EntityRefs() {}

  /** A static token's principal as the platform names it ({@code backend.auth.externalAccess} subjects). */
  private static final Pattern EXTERNAL = Pattern.compile("external:[a-zA-Z0-9_\\-.]+");

  /**
   * Whether {@code ref} is a static token's principal, {@code external:<subject>}: Backlot lets
   * policies name them ({@code g, external:ci-bot, role:default/ci}), which RHDH does not (there,
   * static tokens are service principals that never reach the policy).
   */
  public static boolean isExternal(String ref) {
    return ref != null && EXTERNAL.matcher(ref).matches();
  }

  /** Why {@code ref} is no valid user, group or role reference, or static token principal; empty when it is one. */
  public static Optional<String> problem(String ref) {
    if (ref == null || ref.isEmpty()) {
      return Optional.of("'entityReference' must not be empty");
    }
    if (isExternal(ref)) {
      return Optional.empty();
    }
    int colon = ref.indexOf(':');
    int slash = ref.indexOf('/');
    if (colon <= 0 || slash < colon + 2 || slash == ref.length() - 1 || ref.indexOf('/', slash + 1) >= 0) {
      return Optional.of("entity reference '" + ref
          + "' does not match the required format [<kind>:][<namespace>/]<name>. Provide, please, full entity reference.");
    }
    String kind = ref.substring(0, colon);
    String namespace = ref.substring(colon + 1, slash);
    String name = ref.substring(slash + 1);
    if (!kind.equals("user") && !kind.equals("group") && !kind.equals("role")) {
      return Optional.of("Unsupported kind " + kind + ". List supported values [\"user\", \"group\", \"role\"]");
    }
    if (!NAME.matcher(name).matches() || name.length() > 63) {
      return Optional.of("The name '" + name + "' in the entity reference must be a string that is sequences of [a-zA-Z0-9] "
          + "separated by any of [-_.], at most 63 characters in total");
    }
    if (!NAMESPACE.matcher(namespace).matches() || namespace.length() > 63) {
      return Optional.of("The namespace '" + namespace + "' in the entity reference must be a string that is sequences of "
          + "[a-z0-9] separated by [-], at most 63 characters in total");
    }
    return Optional.empty();
  }

  /** Why {@code ref} is no valid role reference ({@code role:<namespace>/<name>}); empty when it is one. */
  public static Optional<String> roleProblem(String ref) {
    Optional<String> problem = problem(ref);
    if (problem.isPresent()) {
      return problem;
    }
    return kind(ref).equals("role") ? Optional.empty() : Optional.of("Unsupported kind " + kind(ref) + ". Supported value should be \"role\"");
  }

  public static String kind(String ref) {
    return ref.substring(0, ref.indexOf(':'));
  }

  /** Catalog refs compare case-insensitively, as the catalog's do; RHDH lower-cases role members. */
  public static String normalized(String ref) {
    return ref.toLowerCase(Locale.ROOT);
  }
}
