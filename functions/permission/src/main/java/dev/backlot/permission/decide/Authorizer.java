package dev.backlot.permission.decide;

import dev.backlot.permission.membership.CatalogMembership;
import dev.backlot.permission.rbac.Caller;
import dev.backlot.permission.rbac.Decision;
import dev.backlot.permission.rbac.PermissionQuery;
import dev.backlot.permission.rbac.RbacRules;
import dev.backlot.platform.auth.Identity;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides a batch of permission requests for one caller: the policy file looked at, the current
 * rules, the user's groups from the catalog, then each request. A user is decided by RBAC, and so
 * is a static token's principal ({@code external:<subject>}, in no group); a
 * service principal has no user, and RHDH's policy denies a query without one (Backstage's own
 * services skip the permission backend for their own calls; a plugin asking for a user forwards
 * that user's token).
 */
public final class Authorizer {
  private final PolicyFile policyFile;
  private final CurrentRules rules;
  private final CatalogMembership membership;

  public Authorizer(PolicyFile policyFile, CurrentRules rules, CatalogMembership membership) {
    this.policyFile = policyFile;
    this.rules = rules;
    this.membership = membership;
  }

  public List<Decision> decide(Identity caller, List<PermissionQuery> queries) throws IOException {
    if (caller.kind() != Identity.Kind.USER && caller.kind() != Identity.Kind.EXTERNAL) {
      return queries.stream().map(q -> Decision.DENY).toList();
    }
    RbacRules current = currentRules();
    Caller user = callerOf(caller, current);
    List<Decision> decisions = new ArrayList<>(queries.size());
    for (PermissionQuery query : queries) {
      decisions.add(current.decide(user, query));
    }
    return decisions;
  }

  /** The rules after the policy file was looked at. */
  public RbacRules currentRules() throws IOException {
    policyFile.refresh();
    return rules.rules();
  }

  /** The user as RBAC sees it; a superuser needs no catalog look-up. */
  public Caller callerOf(Identity user, RbacRules current) throws IOException {
    Caller withoutGroups = new Caller(user.subject(), java.util.Set.of(), user.ownershipRefs());
    // A static token's principal is in no catalog group: only lines naming it apply.
    if (current.isSuperUser(withoutGroups) || user.kind() == Identity.Kind.EXTERNAL) {
      return withoutGroups;
    }
    return new Caller(user.subject(), membership.groupsOf(user.subject()), user.ownershipRefs());
  }
}
