package dev.backlot.permission.decide;

import dev.backlot.permission.rbac.RbacRules;
import dev.backlot.permission.storage.ConditionalPolicies;
import dev.backlot.permission.storage.RbacStore;
import dev.backlot.permission.storage.StoredPolicy;
import java.io.IOException;
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
  private long generation = -1;
  private RbacRules rules;

  public CurrentRules(RbacStore store, ConditionalPolicies conditions, List<String> superUsers) {
    this.store = store;
    this.conditions = conditions;
    this.superUsers = List.copyOf(superUsers);
  }

  public synchronized RbacRules rules() throws IOException {
    long now = store.generation();
    if (now != generation || rules == null) {
      rules = new RbacRules(store.policies().stream().map(StoredPolicy::policy).toList(), store.members(), conditions.all(), superUsers);
      generation = now;
    }
    return rules;
  }
}
