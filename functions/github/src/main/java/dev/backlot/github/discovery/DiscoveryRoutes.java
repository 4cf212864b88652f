package dev.backlot.github.discovery;

import dev.backlot.github.api.GitHubCalls;
import dev.backlot.github.catalog.CatalogLocations;
import dev.backlot.platform.Plugin;
import dev.backlot.platform.auth.AdminGroups;
import dev.backlot.platform.http.Request;
import dev.backlot.platform.http.Router;

/** {@code POST /discover}: Cloud Scheduler's (or an admin's) call that scans {@code github.discovery}'s organisations. */
public final class DiscoveryRoutes {
  private final OrgDiscovery discovery;
  private final AdminGroups admins;

  public DiscoveryRoutes(Plugin plugin, CatalogLocations catalog, GitHubCalls github) {
    this.discovery = new OrgDiscovery(DiscoveryTarget.fromConfig(plugin.config(), github), new OrgRepositories(github), catalog);
    this.admins = plugin.adminGroups();
  }

  public void register(Router router) {
    router.post("/discover", this::discover);
  }

  private OrgDiscovery.Outcome discover(Request request) {
    admins.require(request.identity());
    return discovery.run();
  }
}
