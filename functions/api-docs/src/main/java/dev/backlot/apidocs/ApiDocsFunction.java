package dev.backlot.apidocs;

import dev.backlot.apidocs.routes.ApiRoutes;
import dev.backlot.apidocs.routes.DiffRoutes;
import dev.backlot.apidocs.routes.SyncRoutes;
import dev.backlot.apidocs.routes.ValidationRoutes;
import dev.backlot.apidocs.storage.DefinitionStore;
import dev.backlot.apidocs.validation.DefinitionValidator;
import dev.backlot.apidocs.validation.Limits;
import dev.backlot.catalog.client.CatalogClient;
import dev.backlot.platform.BacklotFunction;
import dev.backlot.platform.Plugin;
import dev.backlot.platform.http.Router;
import dev.backlot.platform.search.SearchEvents;

/**
 * API documentation's backend under {@code /api/api-docs}: OpenAPI, AsyncAPI and GraphQL
 * definitions of the catalog's API entities, versioned by content in the blob store, validated
 * and diffed for breaking changes.
 */
public final class ApiDocsFunction extends BacklotFunction {
  public ApiDocsFunction() {
    super();
  }

  /** Starts with a prepared plugin, as tests (this module's and other plugins' end-to-end ones) do. */
  public ApiDocsFunction(Plugin plugin) {
    super(plugin);
  }

  @Override
  protected void routes(Router router, Plugin plugin) {
    DefinitionValidator validator = new DefinitionValidator(Limits.fromConfig(plugin.config()));
    // Search re-reads an API's operations when a new definition is stored (docs/search.md#indexing).
    DefinitionStore store = new DefinitionStore(plugin.database(), plugin.blobStore(), SearchEvents.forPlugin(plugin, "api-definition")::changed);
    CatalogClient catalog = CatalogClient.forPlugin(plugin);
    new ApiRoutes(store, validator, plugin.permissions().orElse(null), catalog).register(router);
    new ValidationRoutes(validator).register(router);
    new DiffRoutes(store, validator, plugin.blobStore()).register(router);
    new SyncRoutes(catalog, validator, store).register(router);
  }
}
