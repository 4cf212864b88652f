package dev.backlot.platform.http;

import dev.backlot.platform.auth.AdminGroups;
import dev.backlot.platform.auth.Identity;
import dev.backlot.platform.logging.AuditLog;
import dev.backlot.platform.permission.Decision;
import dev.backlot.platform.permission.Permission;
import dev.backlot.platform.permission.PermissionClient;
import java.util.List;

/**
 * Refuses every caller the route's {@link Access} does not name, with a 403 that says what the
 * route is for and nothing about who the admins are. With the permission framework enabled
 * ({@code permissions} not null), a person calling a route that names a permission is decided by
 * the permission function instead: a basic permission is allowed or refused here; a resource
 * permission's decision goes to the handler ({@link Request#decision()}), which applies its
 * conditions, except that a refused change is refused here. A static token ({@code
 * external:<subject>}) on such a route must be admitted by the route's level and then allowed by a
 * policy naming it. Every refusal is an audit event.
 */
final class Authorization implements Filter {
  private final AdminGroups admins;
  private final PermissionClient permissions;

  Authorization(AdminGroups admins, PermissionClient permissions) {
    this.admins = admins;
    this.permissions = permissions;
  }

  @Override
  public Response filter(Request request, Chain chain) throws Exception {
    Access access = request.route().access();
    if (access.isPublic()) {
      return chain.proceed(request);
    }
    Identity caller = request.identityIfAny()
        .orElseThrow(() -> HttpError.authenticationError("Missing credentials"));
    Permission permission = access.permission();
    boolean decided = permissions != null && permission != null
        && (caller.kind() == Identity.Kind.USER || caller.kind() == Identity.Kind.EXTERNAL);
    // A static token stays within the route's level as well as the policy: the policy can narrow what an operator issued, never widen it.
    boolean levelDecides = !decided || caller.kind() == Identity.Kind.EXTERNAL;
    if (levelDecides && !access.admits(caller, admins.includes(caller))) {
      AuditLog.denied(caller, request.requestId(), request.method() + " " + request.route().path(), null);
      throw HttpError.notAllowed("Not allowed: " + request.method() + " " + request.route().path() + " is for " + access);
    }
    if (caller.restrictions().restrictsPermissions()) {
      Decision restricted = restricted(request, caller, permission);
      if (restricted != null) {
        request.decided(restricted);
        return chain.proceed(request);
      }
    }
    if (!decided) {
      return chain.proceed(request);
    }
    Decision decision = permissions.authorize(caller, request::callerAuthorization,
        List.of(new PermissionClient.Item(permission, null))).get(0);
    boolean conditionalOnOtherType = decision.result() == Decision.Result.CONDITIONAL
        && (!permission.isResource() || !permission.resourceType().equals(decision.resourceType()));
    if (conditionalOnOtherType) {
      decision = Decision.DENY;
    }
    if (decision.result() == Decision.Result.DENY) {
      AuditLog.denied(caller, request.requestId(), request.method() + " " + request.route().path(), permission.name());
      boolean readShowsNothing = permission.isResource() && "read".equals(permission.action());
      if (!readShowsNothing) {
        throw HttpError.notAllowed("Not allowed: " + request.method() + " " + request.route().path() + " needs permission " + permission.name());
      }
    }
    request.decided(decision);
    return chain.proceed(request);
  }

  /**
   * A static token whose {@code accessRestrictions} name permissions or actions, on a route its
   * level admits: Backstage's permissions service decides such a principal from the restrictions
   * alone, whether or not permissions are enabled. Refused (403) when the route's permission is
   * not among them, except a resource read, which is DENY for the handler (it shows nothing, as
   * Backstage's catalog does); null when they allow it and the usual decision follows. A route
   * that names no permission is refused: the token was issued for named permissions only.
   */
  private static Decision restricted(Request request, Identity caller, Permission permission) {
    String route = request.method() + " " + request.route().path();
    if (permission != null && caller.restrictions().allows(permission)) {
      return null;
    }
    AuditLog.denied(caller, request.requestId(), route, permission == null ? null : permission.name());
    if (permission != null && permission.isResource() && "read".equals(permission.action())) {
      return Decision.DENY;
    }
    throw HttpError.notAllowed("Not allowed: " + route + (permission == null ? " names no permission" : " needs permission " + permission.name())
        + "; this token is restricted to " + caller.restrictions().describe());
  }
}
