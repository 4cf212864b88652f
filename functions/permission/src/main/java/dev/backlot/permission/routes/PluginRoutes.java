package dev.backlot.permission.routes;

import dev.backlot.permission.plugins.PluginMetadata;
import dev.backlot.platform.http.Access;
import dev.backlot.platform.http.Router;

/** RHDH's {@code GET /plugins/policies} and {@code GET /plugins/condition-rules}, collected from the plugins. */
final class PluginRoutes {
  private final PluginMetadata metadata;
  private final RbacAdmins admins;

  PluginRoutes(PluginMetadata metadata, RbacAdmins admins) {
    this.metadata = metadata;
    this.admins = admins;
  }

  void register(Router router) {
    router.get("/plugins/policies", Access.SIGNED_IN, admins.only(request -> metadata.policies()));
    router.get("/plugins/condition-rules", Access.SIGNED_IN, admins.only(request -> metadata.conditionRules()));
  }
}
