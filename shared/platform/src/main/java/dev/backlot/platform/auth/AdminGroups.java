package dev.backlot.platform.auth;

import dev.backlot.platform.config.Config;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The groups whose members administer the portal ({@code backlot.auth.adminGroups}): the people
 * routes declared for admins admit. Services are not admins; routes name the services they
 * admit. Entity refs compare without regard to case, as Backstage compares them.
 */
public final class AdminGroups {
  /** Nobody is an admin. */
  public static final AdminGroups NONE = new AdminGroups(Set.of());

  private final Set<String> groups;

  private AdminGroups(Set<String> groups) {
    this.groups = groups;
  }

  public static AdminGroups fromConfig(Config config) {
    return new AdminGroups(config.getOptionalStringList("backlot.auth.adminGroups").orElse(List.of()).stream()
        .map(ref -> ref.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet()));
  }

  /** Whether {@code identity} is a person in one of the admin groups. */
  public boolean includes(Identity identity) {
    return identity.kind() == Identity.Kind.USER
        && identity.ownershipRefs().stream().anyMatch(ref -> groups.contains(ref.toLowerCase(Locale.ROOT)));
  }
}
