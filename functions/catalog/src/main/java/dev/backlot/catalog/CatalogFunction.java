package dev.backlot.catalog;

import dev.backlot.platform.BacklotFunction;
import dev.backlot.platform.Plugin;
import dev.backlot.platform.http.Router;

/** The software catalog's backend: Backstage's catalog API under {@code /api/catalog}. */
public final class CatalogFunction extends BacklotFunction {
  public CatalogFunction() {
    super();
  }

  CatalogFunction(Plugin plugin) {
    super(plugin);
  }

  @Override
  protected void routes(Router router, Plugin plugin) {
    EntityReader entities = new EntityReader(plugin.database());
    router.get("/entities", entities::list);
  }
}
