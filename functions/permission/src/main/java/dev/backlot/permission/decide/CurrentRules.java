package dev.backlot.permission.decide;

import dev.backlot.permission.rbac.PolicyPermissions;
import dev.backlot.permission.rbac.RbacRules;
import dev.backlot.permission.rbac.RoleMember;
import dev.backlot.permission.rbac.RolePolicy;
import dev.backlot.permission.storage.ConditionalPolicies;
import dev.backlot.permission.storage.RbacStore;
import dev.backlot.permission.storage.StoredPolicy;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules as the database holds them now. Each call reads the generation (one indexed row),
 * and reloads every role, policy and condition only when another change happened since, here
 * or on another instance: decisions never lag a committed change.
 */
public final class CurrentRules {
  private final RbacStore store;
  private final ConditionalPolicies conditions;
  private final List<String> superUsers;
  private final List<RoleMember> admins;
  private record Loaded(long generation, RbacRules rules) {}

  // Read without a lock: concurrent requests only queue when a reload is due.
  private volatile Loaded loaded;

  /**
   * {@code adminUsers} ({@code permission.rbac.admin.users}) are members of RHDH's {@code
   * role:default/rbac_admin}, which has its fixed lines ({@link PolicyPermissions#ADMIN_POLICIES});
   * RHDH writes both into its tables at start, Backlot adds them to what it reads, so a changed
   * configuration takes effect with the next instance and leaves nothing behind.
   */
  public CurrentRules(RbacStore store, ConditionalPolicies conditions, List<String> superUsers, List<String> adminUsers) {
    this.store = store;
    this.conditions = conditions;
    this.superUsers = List.copyOf(superUsers);
    this.admins = adminUsers.stream().map(user -> new RoleMember(user, PolicyPermissions.ADMIN_ROLE)).toList();
  }

  public RbacRules rules() throws IOException {
    long now = store.generation();
    Loaded current = loaded;
    if (current != null && current.generation() == now) {
      return current.rules();
    }
    return reload(now);
  }

  private synchronized RbacRules reload(long generation) throws IOException {
    Loaded current = loaded;
    if (current != null && current.generation() >= generation) {
      return current.rules();
    }
    // The generation is read before the rows: a change committed in between is picked up by the next call.
    List<RolePolicy> policies = new ArrayList<>(store.policies().stream().map(StoredPolicy::policy).toList());
    List<RoleMember> members = new ArrayList<>(store.members());
    if (!admins.isEmpty()) {
      policies.addAll(PolicyPermissions.ADMIN_POLICIES);
      members.addAll(admins);
    }
    RbacRules rules = new RbacRules(policies, members, conditions.all(), superUsers);
    loaded = new Loaded(generation, rules);
    return rules;
  }
}
