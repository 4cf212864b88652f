package dev.backlot.github;

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

/** docs/github.md lists every route with who may call it, as the code declares them. */
class RoutesDocumentedTest {
  /** What the plugin needs to start; the routes do not depend on it. */
  private static final Config SOME_CONFIG = Config.of(Map.of("backend", Map.of("baseUrl", "http://127.0.0.1:7007")));

  @Test
  void theDocsListEveryRouteWithWhoMayCallIt(@TempDir Path dir) throws Exception {
    PluginManifest manifest = BundledManifest.of(GitHubFunction.class);
    Database database = Database.connect("jdbc:sqlite:" + dir.resolve("github.sqlite"));
    GitHubFunction github = new GitHubFunction(Plugin.withDatabase(manifest, SOME_CONFIG, database, getClass().getClassLoader()));
    GeneratedDocs.assertCurrent(GeneratedDocs.repositoryRoot().resolve("docs/github.md"), "routes",
        RouteDescription.markdownTable(manifest.routePrefix(), github.routeTable()));
  }
}
