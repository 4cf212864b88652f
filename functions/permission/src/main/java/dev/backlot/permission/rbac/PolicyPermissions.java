package dev.backlot.permission.rbac;

import dev.backlot.platform.permission.Permission;
import java.util.List;

/**
 * The permissions of RHDH's RBAC REST API, as {@code rbac-common} defines them: {@code
 * policy.entity.read}, {@code .update} and {@code .delete} on resource type {@code policy-entity},
 * and {@code policy.entity.create} a basic permission (RHDH removed its resource type and, so that
 * {@code p, role, policy-entity, create, allow} keeps granting it, decides it by resource type
 * when no line names it: {@link RbacRules}). RHDH's {@code role:default/rbac_admin} role gives
 * them, and catalog reads, to {@code permission.rbac.admin.users}.
 */
public final class PolicyPermissions {
  public static final String RESOURCE_TYPE = "policy-entity";
  public static final Permission READ = Permission.resource("policy.entity.read", "read", RESOURCE_TYPE);
  public static final Permission CREATE = Permission.basic("policy.entity.create", "create");
  public static final Permission UPDATE = Permission.resource("policy.entity.update", "update", RESOURCE_TYPE);
  public static final Permission DELETE = Permission.resource("policy.entity.delete", "delete", RESOURCE_TYPE);
  public static final List<Permission> ALL = List.of(READ, CREATE, UPDATE, DELETE);

  /** RHDH's role for the admins of its configuration ({@code admin-permissions/admin-creation.ts}). */
  public static final String ADMIN_ROLE = "role:default/rbac_admin";

  /** The lines RHDH's {@code setAdminPermissions} gives the admin role. */
  public static final List<RolePolicy> ADMIN_POLICIES = List.of(
      new RolePolicy(ADMIN_ROLE, RESOURCE_TYPE, "read", Effect.ALLOW),
      new RolePolicy(ADMIN_ROLE, RESOURCE_TYPE, "create", Effect.ALLOW),
      new RolePolicy(ADMIN_ROLE, RESOURCE_TYPE, "delete", Effect.ALLOW),
      new RolePolicy(ADMIN_ROLE, RESOURCE_TYPE, "update", Effect.ALLOW),
      // RHDH: "Needed for the RBAC frontend plugin."
      new RolePolicy(ADMIN_ROLE, "catalog-entity", "read", Effect.ALLOW));

  private PolicyPermissions() {}
}
