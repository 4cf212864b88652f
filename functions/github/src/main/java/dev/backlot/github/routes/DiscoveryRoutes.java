package dev.backlot.github.routes;

import dev.backlot.github.discovery.OrgDiscovery;
import dev.backlot.github.discovery.OrgRepositories;
import dev.backlot.github.discovery.DiscoveryTarget;
import dev.backlot.github.storage.DiscoveryCursors;
import dev.backlot.github.api.GitHubClients;
import dev.backlot.catalog.client.CatalogClient;
import dev.backlot.platform.Plugin;
import dev.backlot.platform.http.Access;
import dev.backlot.platform.http.Request;
import dev.backlot.platform.http.Router;
import java.util.Map;

/**
 * {@code POST /discover}: Cloud Scheduler's (or an admin's) call that scans {@code
 * github.discovery}'s organisations, {@code github.discoveryBatchSize} repositories a call (300),
 * for at most {@code github.discoveryTimeBudgetSeconds} (40).
 * {@code GET /discover} shows where each organisation's pass stands, to anyone signed in.
 */
public final class DiscoveryRoutes {
  /** Repositories one call examines: each costs a request or two to GitHub, and the call must end within Cloud Scheduler's deadline. */
  private static final int DEFAULT_BATCH_SIZE = 300;
  /** How long one call may examine repositories: well within the 60 s Cloud Run and Scheduler deadline. */
  private static final int DEFAULT_TIME_BUDGET_SECONDS = 40;

  private final OrgDiscovery discovery;
  private final DiscoveryCursors cursors;
  private final int batchSize;
  private final java.time.Duration timeBudget;

  public DiscoveryRoutes(Plugin plugin, CatalogClient catalog, GitHubClients github) {
    this.discovery = new OrgDiscovery(DiscoveryTarget.fromConfig(plugin.config(), github), new OrgRepositories(github), catalog);
    this.cursors = new DiscoveryCursors(plugin.database());
    this.batchSize = plugin.config().getOptionalInt("github.discoveryBatchSize").orElse(DEFAULT_BATCH_SIZE);
    this.timeBudget = java.time.Duration.ofSeconds(
        plugin.config().getOptionalInt("github.discoveryTimeBudgetSeconds").orElse(DEFAULT_TIME_BUDGET_SECONDS));
  }

  public void register(Router router) {
    router.post("/discover", Access.admins().orServices("scheduler").permission(GitHubPermissions.DISCOVERY_RUN), this::discover);
    router.get("/discover", Access.admins().orServices("deploy").permission(GitHubPermissions.DISCOVERY_READ), request -> Map.of("batchSize", batchSize, "targets", discovery.passes(cursors)));
  }

  private OrgDiscovery.Outcome discover(Request request) {
    long end = System.nanoTime() + timeBudget.toNanos();
    return discovery.run(cursors, batchSize, () -> System.nanoTime() > end);
  }
}
