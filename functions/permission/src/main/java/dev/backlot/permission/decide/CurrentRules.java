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
  private record Loaded(long generation, RbacRules rules) {}

  // Read without a lock: concurrent requests only queue when a reload is due.
  private volatile Loaded loaded;

  public CurrentRules(RbacStore store, ConditionalPolicies conditions, List<String> superUsers) {
    this.store = store;
    this.conditions = conditions;
    this.superUsers = List.copyOf(superUsers);
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
    RbacRules rules = new RbacRules(store.policies().stream().map(StoredPolicy::policy).toList(), store.members(), conditions.all(), superUsers);
    loaded = new Loaded(generation, rules);
    return rules;
  }
}
