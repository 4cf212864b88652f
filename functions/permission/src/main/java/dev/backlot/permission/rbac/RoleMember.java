package dev.backlot.permission.rbac;

import java.util.Optional;

/** A {@code g} line: {@code member} (a user or a group) has {@code role}. */
public record RoleMember(String member, String role) {
  /**
   * Why a member line is invalid, as RHDH's {@code validateGroupingPolicy} says it: a role may only
   * be given to users and groups (no role inheritance), and group membership and the group tree
   * come from the catalog, never from a policy.
   */
  public static Optional<String> problem(String member, String role) {
    Optional<String> problem = EntityRefs.problem(member).or(() -> EntityRefs.problem(role));
    if (problem.isPresent()) {
      return problem;
    }
    String line = member + "," + role;
    if (EntityRefs.isExternal(role)) {
      return Optional.of("Group policy is invalid: " + line + ". Unsupported kind external. Supported value should be \"role\"");
    }
    if (EntityRefs.kind(member).equals("role")) {
      return Optional.of("Group policy is invalid: " + line + ". rbac-backend plugin doesn't support role inheritance.");
    }
    if (EntityRefs.kind(role).equals("group")) {
      return Optional.of("Group policy is invalid: " + line + ". " + (EntityRefs.kind(member).equals("user")
          ? "User membership information could be provided only with help of Catalog API."
          : "Group inheritance information could be provided only with help of Catalog API."));
    }
    if (EntityRefs.kind(role).equals("user")) {
      return Optional.of("Group policy is invalid: " + line + ". Unsupported kind user. Supported value should be \"role\"");
    }
    return Optional.empty();
  }

  public String csv() {
    return "g, " + member + ", " + role;
  }
}
