package dev.backlot.platform.auth;

import dev.backlot.platform.config.Config;
import dev.backlot.platform.http.HttpError;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The groups whose members may administer the portal ({@code backlot.auth.adminGroups}), for
 * routes such as deleting entities. Services are trusted: they act for the platform itself.
 * Entity refs compare without regard to case, as Backstage compares them.
 */
public final class AdminGroups {
  private final Set<String> groups;

  private AdminGroups(Set<String> groups) {
    this.groups = groups;
  }

  public static AdminGroups fromConfig(Config config) {
    return new AdminGroups(config.getOptionalStringList("backlot.auth.adminGroups").orElse(List.of()).stream()
        .map(ref -> ref.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet()));
  }

  public boolean includes(Identity identity) {
    return identity.kind() == Identity.Kind.SERVICE
        || identity.ownershipRefs().stream().anyMatch(ref -> groups.contains(ref.toLowerCase(Locale.ROOT)));
  }

  /** Throws 403 NotAllowedError unless {@code identity} is a service or a member of an admin group. */
  public void require(Identity identity) {
    if (groups.isEmpty() && identity.kind() != Identity.Kind.SERVICE) {
      throw HttpError.notAllowed("Only services may do this: backlot.auth.adminGroups names no group");
    }
    if (!includes(identity)) {
      throw HttpError.notAllowed("Only members of " + String.join(", ", groups.stream().sorted().toList()) + " may do this");
    }
  }
}
