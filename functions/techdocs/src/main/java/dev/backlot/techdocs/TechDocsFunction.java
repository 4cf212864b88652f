package dev.backlot.techdocs;

import dev.backlot.catalog.client.CatalogClient;
import dev.backlot.integration.github.GitHubCredentials;
import dev.backlot.integration.github.GitHubFolderReader;
import dev.backlot.platform.BacklotFunction;
import dev.backlot.platform.Plugin;
import dev.backlot.platform.http.Router;
import dev.backlot.platform.search.SearchEvents;
import dev.backlot.techdocs.generator.GeneratorLimits;
import dev.backlot.techdocs.routes.ServingRoutes;
import dev.backlot.techdocs.routes.SyncRoutes;
import dev.backlot.techdocs.sync.DocsSync;
import java.time.Clock;
import dev.backlot.techdocs.site.SiteStore;
import dev.backlot.techdocs.site.SiteStores;

/**
 * Backstage's techdocs-backend under {@code /api/techdocs}: docs sites in the layout Backstage's
 * publishers write (so {@code techdocs-cli publish} from CI fills the store unchanged), served
 * streamed and confined to each entity's folder. docs/techdocs.md has the routes, config and limits.
 */
public final class TechDocsFunction extends BacklotFunction {
  /** Sites built per sync call: a site of 100 pages builds in well under a second, so 20 leave room inside the 60 s deadline. */
  static final int DEFAULT_MAX_BUILDS = 20;

  public TechDocsFunction() {
    super();
  }

  public TechDocsFunction(Plugin plugin) {
    super(plugin);
  }

  @Override
  protected void routes(Router router, Plugin plugin) {
    SiteStore sites = SiteStores.open(plugin.config(), plugin.manifest().id());
    boolean legacyCasing = plugin.config().getOptionalBoolean("techdocs.legacyUseCaseSensitiveTripletPaths").orElse(false);
    CatalogClient catalog = CatalogClient.forPlugin(plugin);
    new ServingRoutes(sites, catalog, legacyCasing).register(router);
    int maxBuilds = plugin.config().getOptionalInt("techdocs.sync.maxBuildsPerRun").orElse(DEFAULT_MAX_BUILDS);
    GitHubFolderReader github = new GitHubFolderReader(GitHubCredentials.fromConfig(plugin.config()), plugin.cache(), "backlot-techdocs",
        Clock.systemUTC());
    new SyncRoutes(new DocsSync(catalog, sites, github, GeneratorLimits.fromConfig(plugin.config()), legacyCasing, maxBuilds, Clock.systemUTC(),
        SearchEvents.forPlugin(plugin, "techdocs")::changed))
        .register(router);
  }
}
