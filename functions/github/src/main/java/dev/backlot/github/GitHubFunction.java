package dev.backlot.github;

import dev.backlot.catalog.client.CatalogClient;
import dev.backlot.github.api.GitHubClients;
import dev.backlot.github.orgdata.OrgSync;
import dev.backlot.github.actions.WorkflowRuns;
import dev.backlot.github.routes.ActionsRoutes;
import dev.backlot.github.routes.DiscoveryRoutes;
import dev.backlot.github.routes.OrgSyncRoutes;
import dev.backlot.github.routes.WebhookRoutes;
import dev.backlot.platform.BacklotFunction;
import dev.backlot.platform.Plugin;
import dev.backlot.platform.http.Router;

/** The GitHub integration's backend under {@code /api/github}: org discovery, org teams and members, webhooks that keep the catalog current, and entities' GitHub Actions. */
public final class GitHubFunction extends BacklotFunction {
  public GitHubFunction() {
    super();
  }

  GitHubFunction(Plugin plugin) {
    super(plugin);
  }

  @Override
  protected void routes(Router router, Plugin plugin) {
    CatalogClient catalog = CatalogClient.forPlugin(plugin);
    GitHubClients github = GitHubClients.fromConfig(plugin.config());
    OrgSync orgSync = OrgSync.fromConfig(plugin.config(), github, catalog, plugin.database());
    WebhookRoutes.fromPlugin(plugin, catalog, github, orgSync).register(router);
    new DiscoveryRoutes(plugin, catalog, github).register(router);
    new OrgSyncRoutes(orgSync).register(router);
    new ActionsRoutes(catalog, github, new WorkflowRuns(github, plugin.cache())).register(router);
  }
}
