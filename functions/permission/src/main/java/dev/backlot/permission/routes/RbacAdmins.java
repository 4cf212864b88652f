package dev.backlot.permission.routes;

import dev.backlot.permission.decide.Authorizer;
import dev.backlot.permission.rbac.Caller;
import dev.backlot.permission.rbac.EntityRefs;
import dev.backlot.permission.rbac.PolicyPermissions;
import dev.backlot.permission.rbac.RbacRules;
import dev.backlot.platform.auth.Identity;
import dev.backlot.platform.http.Access;
import dev.backlot.platform.http.Filter;
import dev.backlot.platform.http.HttpError;
import dev.backlot.platform.http.Request;
import dev.backlot.platform.http.Response;
import dev.backlot.platform.logging.AuditLog;
import dev.backlot.platform.permission.Decision;
import dev.backlot.platform.permission.Permission;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who may use RHDH's REST API. Its routes name RHDH's {@code policy.entity.*} permissions and admit
 * people only (the deploy smoke test may list roles): services and static tokens get a 403 from
 * the router.
 *
 * <ul>
 *   <li>With {@code permission.enabled: true} the permission function decides each person on the
 *       route's permission, as RHDH's REST API asks its own policy. RHDH's {@code
 *       role:default/rbac_admin} gives the permissions to {@code permission.rbac.admin.users}, and
 *       policies may give them to anyone. The router refuses a denied change; a read it hands on
 *       with its decision (for plugins that filter), so this filter refuses a read not allowed.
 *   <li>With it disabled there is no policy to ask, and the API stays for RBAC admins: superusers
 *       and the users and groups of {@code permission.rbac.admin.users} (a group admits its members
 *       and the members of its descendant groups, through the catalog).
 * </ul>
 */
final class RbacAdmins implements Filter {
  static final Access READ = Access.users().permission(PolicyPermissions.READ);
  static final Access READ_OR_DEPLOY = Access.users().orServices("deploy").permission(PolicyPermissions.READ);
  static final Access CREATE = Access.users().permission(PolicyPermissions.CREATE);
  static final Access UPDATE = Access.users().permission(PolicyPermissions.UPDATE);
  static final Access DELETE = Access.users().permission(PolicyPermissions.DELETE);

  private final Set<String> admins;
  private final Authorizer authorizer;
  private final boolean permissionsEnabled;

  RbacAdmins(List<String> admins, Authorizer authorizer, boolean permissionsEnabled) {
    this.admins = admins.stream().map(EntityRefs::normalized).collect(Collectors.toUnmodifiableSet());
    this.authorizer = authorizer;
    this.permissionsEnabled = permissionsEnabled;
  }

  @Override
  public Response filter(Request request, Chain chain) throws Exception {
    Permission permission = request.route().access().permission();
    Identity caller = request.identityIfAny().orElse(null);
    if (permission == null || !PolicyPermissions.ALL.contains(permission) || caller == null || caller.kind() != Identity.Kind.USER) {
      return chain.proceed(request);
    }
    boolean allowed = permissionsEnabled ? request.decision().result() == Decision.Result.ALLOW : isAdmin(caller);
    if (!allowed) {
      if (permissionsEnabled && request.decision().result() == Decision.Result.CONDITIONAL) {
        // The router audited a DENY already; policy-entity has no rules, so a condition allows nothing.
        AuditLog.denied(caller, request.requestId(), request.method() + " " + request.route().path(), permission.name());
      } else if (!permissionsEnabled) {
        AuditLog.denied(caller, request.requestId(), request.method() + " " + request.route().path(), null);
      }
      throw HttpError.notAllowed(permissionsEnabled
          ? "Unauthorized: " + request.method() + " " + request.route().path() + " needs permission " + permission.name()
          : "Unauthorized: only RBAC admins (permission.rbac.admin.users) and superusers manage roles and policies");
    }
    return chain.proceed(request);
  }

  private boolean isAdmin(Identity user) throws IOException {
    RbacRules rules = authorizer.currentRules();
    Caller caller = authorizer.callerOf(user, rules);
    if (rules.isSuperUser(caller) || admins.contains(EntityRefs.normalized(caller.userRef()))) {
      return true;
    }
    return caller.groups().stream().anyMatch(group -> admins.contains(EntityRefs.normalized(group)));
  }
}
