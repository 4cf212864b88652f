package dev.backlot.permission.routes;

import dev.backlot.permission.decide.Authorizer;
import dev.backlot.permission.plugins.PluginMetadata;
import dev.backlot.permission.storage.ConditionalPolicies;
import dev.backlot.permission.storage.RbacStore;
import dev.backlot.platform.http.Router;
import java.util.List;

/** RHDH's REST API for RBAC admins: roles, policies, conditional policies and what plugins publish. */
public final class RbacRoutes {
  private final RbacAdmins admins;
  private final List<String> adminUsers;
  private final RbacStore store;
  private final ConditionalPolicies conditions;
  private final PluginMetadata metadata;

  public RbacRoutes(List<String> adminUsers, Authorizer authorizer, boolean permissionsEnabled, RbacStore store, ConditionalPolicies conditions,
      PluginMetadata metadata) {
    this.admins = new RbacAdmins(adminUsers, authorizer, permissionsEnabled);
    this.adminUsers = List.copyOf(adminUsers);
    this.store = store;
    this.conditions = conditions;
    this.metadata = metadata;
  }

  public void register(Router router) {
    router.filter(admins);
    new RoleRoutes(store, RoleRoutes.adminRole(adminUsers, java.time.Instant.now())).register(router);
    new PolicyRoutes(store).register(router);
    new ConditionRoutes(conditions, metadata).register(router);
    new PluginRoutes(metadata).register(router);
  }
}
