package dev.backlot.catalog;

import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import dev.backlot.platform.Plugin;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.db.Database;
import dev.backlot.platform.manifest.PluginManifest;
import java.util.List;

/**
 * The catalog on a database and config a test or benchmark prepared, served by the real
 * Functions Framework invoker, which makes its function from a class name: {@link #prepare}
 * first, then start the invoker with this class.
 */
public final class PreparedCatalog implements HttpFunction {
  private static volatile Config config;
  private static volatile Database database;

  private final CatalogFunction catalog;

  public PreparedCatalog() {
    PluginManifest manifest = new PluginManifest("catalog", CatalogFunction.class.getName(), "/api/catalog", true, false,
        List.of(), List.of(), "/entities?limit=1", List.of(), PluginManifest.Resources.DEFAULT);
    catalog = new CatalogFunction(Plugin.withDatabase(manifest, config, database, getClass().getClassLoader()));
  }

  /** What the next catalog the invoker makes runs on. */
  public static void prepare(Config config, Database database) {
    PreparedCatalog.config = config;
    PreparedCatalog.database = database;
  }

  @Override
  public void service(HttpRequest request, HttpResponse response) throws Exception {
    catalog.service(request, response);
  }
}
