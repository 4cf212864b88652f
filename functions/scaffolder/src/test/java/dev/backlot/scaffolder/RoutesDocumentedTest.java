package dev.backlot.scaffolder;

import dev.backlot.platform.config.Config;
import dev.backlot.platform.db.Database;
import dev.backlot.platform.http.RouteDescription;
import dev.backlot.testing.GeneratedDocs;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/scaffolder.md lists every route with who may call it, as the code declares them. */
class RoutesDocumentedTest {
  @Test
  void theDocsListEveryRouteWithWhoMayCallIt(@TempDir Path dir) throws Exception {
    Config config = Config.of(Map.of("backend", Map.of("baseUrl", "http://127.0.0.1:7007")));
    ScaffolderFunction scaffolder = TestScaffolderPlugin.function(config, Database.connect("jdbc:sqlite:" + dir.resolve("scaffolder.sqlite")));
    GeneratedDocs.assertCurrent(GeneratedDocs.repositoryRoot().resolve("docs/scaffolder.md"), "routes",
        RouteDescription.markdownTable(TestScaffolderPlugin.manifest().routePrefix(), scaffolder.routeTable()));
  }
}
