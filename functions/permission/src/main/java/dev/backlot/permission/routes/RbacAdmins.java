package dev.backlot.permission.routes;

import dev.backlot.permission.decide.Authorizer;
import dev.backlot.permission.rbac.Caller;
import dev.backlot.permission.rbac.EntityRefs;
import dev.backlot.permission.rbac.RbacRules;
import dev.backlot.platform.auth.Identity;
import dev.backlot.platform.http.Access;
import dev.backlot.platform.http.Handler;
import dev.backlot.platform.http.HttpError;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who may manage roles and policies: superusers and the users and groups of {@code
 * permission.rbac.admin.users} (a group admits its members and the members of its descendant
 * groups, through the catalog), as RHDH's {@code rbac_admin} role grants its members the
 * policy permissions. Everyone else, services and static tokens included, gets a 403;
 * {@code readers} name services that may read (the deploy smoke test).
 */
final class RbacAdmins {
  private final Set<String> admins;
  private final Authorizer authorizer;

  RbacAdmins(List<String> admins, Authorizer authorizer) {
    this.admins = admins.stream().map(EntityRefs::normalized).collect(Collectors.toUnmodifiableSet());
    this.authorizer = authorizer;
  }

  /** {@code handler}, for RBAC admins only. */
  Handler only(Handler handler) {
    return request -> {
      require(request.identity(), Set.of());
      return handler.handle(request);
    };
  }

  /** {@code handler}, for RBAC admins and the named services. */
  Handler orServices(Set<String> services, Handler handler) {
    return request -> {
      require(request.identity(), services);
      return handler.handle(request);
    };
  }

  private void require(Identity caller, Set<String> services) throws IOException {
    if (caller.kind() == Identity.Kind.SERVICE && caller.subject().startsWith(Access.SERVICE_PREFIX)
        && services.contains(caller.subject().substring(Access.SERVICE_PREFIX.length()))) {
      return;
    }
    if (caller.kind() != Identity.Kind.USER || !isAdmin(caller)) {
      throw HttpError.notAllowed("Unauthorized: only RBAC admins (permission.rbac.admin.users) and superusers manage roles and policies");
    }
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
