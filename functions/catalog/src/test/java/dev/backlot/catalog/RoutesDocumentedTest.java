package dev.backlot.catalog;

import dev.backlot.platform.Plugin;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.db.Database;
import dev.backlot.platform.http.RouteDescription;
import dev.backlot.platform.manifest.BundledManifest;
import dev.backlot.platform.manifest.PluginManifest;
import dev.backlot.testing.GeneratedDocs;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/catalog.md lists every route with who may call it, as the code declares them. */
class RoutesDocumentedTest {
  /** What the plugin needs to start; the routes do not depend on it. */
  private static final Config SOME_CONFIG = Config.of(Map.of("backend", Map.of("baseUrl", "http://127.0.0.1:7007")));

  @Test
  void theDocsListEveryRouteWithWhoMayCallIt(@TempDir Path dir) throws Exception {
    PluginManifest manifest = BundledManifest.of(CatalogFunction.class);
    Database database = Database.connect("jdbc:sqlite:" + dir.resolve("catalog.sqlite"));
    CatalogFunction catalog = new CatalogFunction(Plugin.withDatabase(manifest, SOME_CONFIG, database, getClass().getClassLoader()));
    GeneratedDocs.assertCurrent(GeneratedDocs.repositoryRoot().resolve("docs/catalog.md"), "routes",
        RouteDescription.markdownTable(manifest.routePrefix(), catalog.routeTable()));
  }
}
