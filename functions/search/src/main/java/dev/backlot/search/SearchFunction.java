package dev.backlot.search;

import dev.backlot.platform.BacklotFunction;
import dev.backlot.platform.Plugin;
import dev.backlot.platform.http.Router;

/**
 * The search backend under {@code /api/search}: Backstage's {@code GET /query} over documents the
 * collators index into the plugin's own database (PostgreSQL full-text search, SQLite FTS5).
 */
public final class SearchFunction extends BacklotFunction {
  public SearchFunction() {
    super();
  }

  SearchFunction(Plugin plugin) {
    super(plugin);
  }

  @Override
  protected void routes(Router router, Plugin plugin) {
  }
}
