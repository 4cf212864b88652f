package dev.backlot.platform.auth;

import dev.backlot.platform.config.Config;
import dev.backlot.platform.http.Access;
import dev.backlot.platform.http.HttpError;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A service calling on behalf of a person whose token it does not hold: the scaffolder's worker
 * registers a task's catalog entities as the task's initiator, long after the initiator's
 * 15-minute token expired (the task stores their refs, never a token). The service names the
 * person in {@link #HEADER} and their ownership refs in {@link #OWNERSHIP_HEADER}; the receiving
 * function then decides as for that person (admin groups, routes' levels, the permission
 * function), as Backstage's {@code auth.getPluginRequestToken({onBehalfOf})} makes a token whose
 * subject is the user.
 *
 * <p>Only the services {@code backend.auth.onBehalfOf} names may do so (none by default): naming a
 * person is vouching for them, so a service not trusted to is refused with a 403 rather than
 * silently called as itself. A person's own request carrying the headers is refused too: nobody
 * makes themselves someone else.
 */
public final class OnBehalfOf {
  public static final String HEADER = "X-Backlot-On-Behalf-Of";
  public static final String OWNERSHIP_HEADER = "X-Backlot-On-Behalf-Of-Ownership";
  /** Ownership refs one request may name: a person's own ref and their groups. */
  static final int MAX_OWNERSHIP_REFS = 200;
  private static final Pattern USER_REF = Pattern.compile("user:[a-z0-9][a-z0-9._-]{0,62}/[A-Za-z0-9][A-Za-z0-9._-]{0,62}",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern OWNERSHIP_REF = Pattern.compile("(user|group):[a-z0-9][a-z0-9._-]{0,62}/[A-Za-z0-9][A-Za-z0-9._-]{0,62}",
      Pattern.CASE_INSENSITIVE);

  private final Set<String> services;

  private OnBehalfOf(Set<String> services) {
    this.services = services;
  }

  /** {@code backend.auth.onBehalfOf}: plugin ids ({@code [scaffolder]}). */
  static OnBehalfOf fromConfig(Config auth) {
    return new OnBehalfOf(auth.getOptionalStringList("onBehalfOf").orElse(List.of()).stream()
        .map(id -> Access.SERVICE_PREFIX + id.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet()));
  }

  /** The person {@code caller} (already authenticated) names, or a 403/400 saying why not. */
  Identity person(Identity caller, String userRef, String ownership) {
    if (caller.kind() != Identity.Kind.SERVICE) {
      throw HttpError.notAllowed(HEADER + " is for services calling on a person's behalf; " + caller.subject() + " is not one");
    }
    if (!services.contains(caller.subject())) {
      throw HttpError.notAllowed(caller.subject() + " may not call on behalf of a person (backend.auth.onBehalfOf)");
    }
    String ref = userRef.trim();
    if (!USER_REF.matcher(ref).matches()) {
      throw HttpError.inputError(HEADER + " must be a user entity ref, user:<namespace>/<name>");
    }
    return new Identity(Identity.Kind.USER, ref, ownershipRefs(ref, ownership, OWNERSHIP_HEADER), caller.subject());
  }

  /** The refs of header {@code name} (comma-separated user and group refs), always with the person's own ref first. */
  public static List<String> ownershipRefs(String userRef, String header, String name) {
    Set<String> refs = new LinkedHashSet<>();
    refs.add(userRef);
    if (header != null && !header.isBlank()) {
      for (String part : header.split(",")) {
        String ref = part.trim();
        if (!OWNERSHIP_REF.matcher(ref).matches()) {
          throw HttpError.inputError(name + " holds user or group entity refs separated by commas, not '" + ref + "'");
        }
        refs.add(ref);
      }
    }
    if (refs.size() > MAX_OWNERSHIP_REFS) {
      throw HttpError.inputError(name + " names more than " + MAX_OWNERSHIP_REFS + " refs");
    }
    return new ArrayList<>(refs);
  }

  /** The value of {@link #OWNERSHIP_HEADER} for {@code person}. */
  public static String ownershipHeader(Identity person) {
    return String.join(",", person.ownershipRefs());
  }
}
