package dev.backlot.search;

import dev.backlot.catalog.client.CatalogClient;
import dev.backlot.platform.BacklotFunction;
import dev.backlot.platform.Plugin;
import dev.backlot.platform.http.Router;
import dev.backlot.search.collate.ApiDefinitionCollator;
import dev.backlot.search.collate.CatalogCollator;
import dev.backlot.search.collate.Collator;
import dev.backlot.search.collate.PluginApi;
import dev.backlot.search.collate.TechDocsCollator;
import dev.backlot.search.engine.SearchEngine;
import dev.backlot.search.indexing.FullPass;
import dev.backlot.search.indexing.Incremental;
import dev.backlot.search.routes.IndexRoutes;
import dev.backlot.search.routes.QueryRoutes;
import dev.backlot.search.storage.IndexRuns;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The search backend under {@code /api/search}: Backstage's {@code GET /query} over documents the
 * collators index into the plugin's own database (PostgreSQL full-text search, SQLite FTS5), the
 * scheduled full pass {@code POST /index} and the change events {@code POST /events}.
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
    SearchConfig config = SearchConfig.from(plugin.config());
    SearchEngine engine = SearchEngine.on(plugin.database(), config.highlights());
    CatalogClient catalog = CatalogClient.forPlugin(plugin);
    List<Collator> collators = List.of(new CatalogCollator(catalog),
        new ApiDefinitionCollator(PluginApi.of(plugin, "api-docs", ApiDefinitionCollator.MAX_DEFINITION_BYTES)),
        new TechDocsCollator(catalog, PluginApi.of(plugin, "techdocs", TechDocsCollator.MAX_INDEX_BYTES),
            plugin.config().getOptionalBoolean("techdocs.legacyUseCaseSensitiveTripletPaths").orElse(false)));
    Map<String, Collator> byType = new LinkedHashMap<>();
    collators.forEach(collator -> byType.put(collator.type(), collator));
    // With the permission framework on, results are filtered by their entities' read permission.
    new QueryRoutes(engine, plugin.permissions().orElse(null), byType.keySet(), config.highlights(), config.maxPageLimit(), config.maxTermLength()).register(router);
    IndexRuns runs = new IndexRuns(plugin.database(), Clock.systemUTC());
    new IndexRoutes(new FullPass(collators, engine, runs, config.indexBatchSize(), config.indexTimeBudget(), config.passInterval(),
        Clock.systemUTC()),
        new Incremental(byType, engine, runs)).register(router);
  }
}
