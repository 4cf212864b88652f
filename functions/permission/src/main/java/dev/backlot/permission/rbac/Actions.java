package dev.backlot.permission.rbac;

import java.util.List;

/**
 * The actions a policy line may name. Backstage's permissions carry {@code attributes.action}
 * create, read, update or delete, or none; RHDH names "none" {@code use} (rbac-common's
 * {@code toPermissionAction}: {@code attr.action ?? 'use'}), so a basic permission such as
 * {@code catalog.entity.create}… without an action is granted by {@code p, role, name, use, allow}.
 */
public final class Actions {
  public static final List<String> VALID = List.of("create", "read", "update", "delete", "use");
  public static final String USE = "use";

  private Actions() {}

  public static boolean isValid(String action) {
    return VALID.contains(action);
  }

  /** The action a request's {@code attributes.action} stands for; absent is {@code use}. */
  public static String ofAttribute(String attributeAction) {
    return attributeAction == null ? USE : attributeAction;
  }
}
