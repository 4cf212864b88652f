package dev.backlot.platform.auth;

import dev.backlot.platform.permission.Permission;
import java.util.Set;

/**
 * What a static token may do within a plugin its {@code accessRestrictions} name, as Backstage's
 * {@code BackstagePrincipalAccessRestrictions}: the permissions by name ({@code permission}) and
 * by action ({@code permissionAttribute.action}); null means no restriction of that kind.
 * Backstage's permissions service decides such a principal from these alone (DENY when the
 * permission is not named, or has no action or another one; else ALLOW), whether or not
 * permissions are enabled.
 */
public record AccessRestrictions(Set<String> permissionNames, Set<String> actions) {
  /** No restriction within the plugin. */
  public static final AccessRestrictions NONE = new AccessRestrictions(null, null);

  public AccessRestrictions {
    permissionNames = permissionNames == null ? null : Set.copyOf(permissionNames);
    actions = actions == null ? null : Set.copyOf(actions);
  }

  /** Whether anything is restricted beyond the plugin. */
  public boolean restrictsPermissions() {
    return permissionNames != null || actions != null;
  }

  /** Backstage's decision for {@code permission}: allowed unless a restriction leaves it out. */
  public boolean allows(Permission permission) {
    if (permissionNames != null && !permissionNames.contains(permission.name())) {
      return false;
    }
    return actions == null || (permission.action() != null && actions.contains(permission.action()));
  }

  /** What the token is restricted to, for a refusal's message. */
  public String describe() {
    StringBuilder text = new StringBuilder();
    if (permissionNames != null) {
      text.append("permission(s) '").append(String.join("', '", permissionNames.stream().sorted().toList())).append("'");
    }
    if (actions != null) {
      text.append(text.isEmpty() ? "" : " with ").append("action(s) '").append(String.join("', '", actions.stream().sorted().toList())).append("'");
    }
    return text.toString();
  }
}
