package dev.backlot.catalog;

import dev.backlot.catalog.ingestion.FileLocationReader;
import dev.backlot.catalog.ingestion.FileSizeLimit;
import dev.backlot.catalog.ingestion.LocationProcessor;
import dev.backlot.catalog.ingestion.LocationRefresh;
import dev.backlot.catalog.ingestion.ReadingAllowList;
import dev.backlot.catalog.ingestion.RefreshFanOut;
import dev.backlot.catalog.ingestion.SelfRequests;
import dev.backlot.catalog.ingestion.UrlLocationReader;
import dev.backlot.catalog.ingestion.github.GitHubUrlReader;
import dev.backlot.catalog.ingestion.rules.CatalogRules;
import dev.backlot.catalog.permissions.CatalogPermissions;
import dev.backlot.catalog.permissions.EntityRules;
import dev.backlot.catalog.routes.ApplyConditionsRoutes;
import dev.backlot.catalog.routes.EntityRoutes;
import dev.backlot.catalog.routes.LocationRoutes;
import dev.backlot.catalog.routes.ProviderRoutes;
import dev.backlot.catalog.routes.QueryRoutes;
import dev.backlot.catalog.routes.RefreshRoutes;
import dev.backlot.catalog.routes.ValidationRoutes;
import dev.backlot.catalog.storage.EntityQuery;
import dev.backlot.catalog.storage.EntityStore;
import dev.backlot.catalog.storage.LocationStore;
import dev.backlot.catalog.storage.RefreshLeases;
import dev.backlot.platform.BacklotFunction;
import dev.backlot.platform.Plugin;
import dev.backlot.platform.config.ConfigException;
import dev.backlot.platform.http.Router;
import dev.backlot.platform.search.SearchEvents;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/** The software catalog's backend: Backstage's catalog API under {@code /api/catalog}. */
public final class CatalogFunction extends BacklotFunction {
  public CatalogFunction() {
    super();
  }

  /** Starts with a prepared plugin, as tests (this module's and other plugins' end-to-end ones) do. */
  public CatalogFunction(Plugin plugin) {
    super(plugin);
  }

  @Override
  protected void routes(Router router, Plugin plugin) {
    // Search re-reads the entities each write changed (docs/search.md#indexing).
    SearchEvents search = SearchEvents.forPlugin(plugin, "software-catalog");
    EntityStore store = new EntityStore(plugin.database(), search::changed);
    new EntityRoutes(store).register(router);
    new ValidationRoutes().register(router);
    new ApplyConditionsRoutes(store).register(router);
    new ProviderRoutes(store).register(router);
    new QueryRoutes(new EntityQuery(store)).register(router);
    // Relative file targets resolve against the folder of app-config.yaml, as paths in it read.
    Path configDir = Path.of(System.getenv().getOrDefault("BACKLOT_CONFIG_DIR", ".")).toAbsolutePath();
    // The first reader that accepts a location reads it: GitHub's API before plain HTTP.
    ReadingAllowList allowList = ReadingAllowList.of(plugin.config());
    FileLocationReader files = FileLocationReader.fromConfig(plugin.config(), configDir);
    LocationProcessor processor = new LocationProcessor(List.of(files, GitHubUrlReader.fromConfig(plugin.config(), plugin.cache()),
        new UrlLocationReader(allowList, FileSizeLimit.fromConfig(plugin.config()))), allowList, CatalogRules.fromConfig(plugin.config(), files::canonical));
    LocationStore locations = new LocationStore(plugin.database());
    LocationRefresh refresh = new LocationRefresh(plugin.config(), locations, processor, store, new RefreshLeases(plugin.database()));
    new LocationRoutes(locations, refresh, processor, store).register(router);
    RefreshFanOut fanOut = new RefreshFanOut(refresh, units(plugin, refresh),
        RefreshFanOut.concurrency(plugin.config(), plugin.manifest().resources().maxInstances(), plugin.database().dialect()), RefreshFanOut.timeBudget(plugin.config()),
        Clock.systemUTC());
    new RefreshRoutes(refresh, fanOut, store).register(router);
    router.publish(CatalogPermissions.UNROUTED, EntityRules.metadata());
  }

  /**
   * Units go to the catalog's own endpoint, found through discovery, so that Cloud Run spreads
   * them over instances; where discovery knows no catalog (no {@code backend.baseUrl}, as a
   * catalog alone in a test), this instance runs them itself, the same way bounded.
   */
  private static RefreshFanOut.Units units(Plugin plugin, LocationRefresh refresh) {
    String self;
    try {
      self = plugin.discovery().getBaseUrl(plugin.manifest().id());
    } catch (ConfigException e) {
      return (lease, timeout) -> refresh.refreshClaimed(lease);
    }
    return new SelfRequests(self, () -> plugin.serviceTokens().authorizationFor(plugin.manifest().id()));
  }
}
