package dev.backlot.permission.routes;

import dev.backlot.permission.plugins.PluginMetadata;
import dev.backlot.platform.http.Router;

/** RHDH's {@code GET /plugins/policies} and {@code GET /plugins/condition-rules}, collected from the plugins. */
final class PluginRoutes {
  private final PluginMetadata metadata;

  PluginRoutes(PluginMetadata metadata) {
    this.metadata = metadata;
  }

  void register(Router router) {
    router.get("/plugins/policies", RbacAdmins.READ, request -> metadata.policies());
    router.get("/plugins/condition-rules", RbacAdmins.READ, request -> metadata.conditionRules());
  }
}
