package dev.backlot.permission.rbac;

import java.util.List;
import java.util.Set;

/**
 * The person a decision is for: the user entity ref, the groups the catalog says the user is in
 * with every ancestor of those groups, and the ownership refs of the user's token (superusers
 * may be named by any of them, as RHDH checks {@code ownershipEntityRefs}).
 */
public record Caller(String userRef, Set<String> groups, List<String> ownershipRefs) {
  public Caller {
    groups = Set.copyOf(groups);
    ownershipRefs = List.copyOf(ownershipRefs);
  }
}
