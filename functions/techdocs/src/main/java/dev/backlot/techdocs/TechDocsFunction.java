package dev.backlot.techdocs;

import dev.backlot.catalog.client.CatalogClient;
import dev.backlot.platform.BacklotFunction;
import dev.backlot.platform.Plugin;
import dev.backlot.platform.http.Router;
import dev.backlot.techdocs.routes.ServingRoutes;
import dev.backlot.techdocs.site.SiteStore;
import dev.backlot.techdocs.site.SiteStores;

/**
 * Backstage's techdocs-backend under {@code /api/techdocs}: docs sites in the layout Backstage's
 * publishers write (so {@code techdocs-cli publish} from CI fills the store unchanged), served
 * streamed and confined to each entity's folder. docs/techdocs.md has the routes, config and limits.
 */
public final class TechDocsFunction extends BacklotFunction {
  public TechDocsFunction() {
    super();
  }

  TechDocsFunction(Plugin plugin) {
    super(plugin);
  }

  @Override
  protected void routes(Router router, Plugin plugin) {
    SiteStore sites = SiteStores.open(plugin.config(), plugin.manifest().id());
    boolean legacyCasing = plugin.config().getOptionalBoolean("techdocs.legacyUseCaseSensitiveTripletPaths").orElse(false);
    CatalogClient catalog = CatalogClient.forPlugin(plugin);
    new ServingRoutes(sites, catalog, legacyCasing).register(router);
  }
}
