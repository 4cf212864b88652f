package dev.backlot.techdocs;

import dev.backlot.platform.http.RouteDescription;
import dev.backlot.platform.manifest.BundledManifest;
import dev.backlot.platform.manifest.PluginManifest;
import dev.backlot.testing.GeneratedDocs;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** docs/techdocs.md lists the routes with who may call them, as the code declares them. */
class RoutesDocumentedTest {
  @Test
  void theDocsListEveryRouteWithWhoMayCallIt() throws Exception {
    PluginManifest manifest = BundledManifest.of(TechDocsFunction.class);
    TechDocsFunction techdocs = RunningTechDocs.inProcess(Files.createTempDirectory("routes"), "http://127.0.0.1:9", Map.of());
    GeneratedDocs.assertCurrent(GeneratedDocs.repositoryRoot().resolve("docs/techdocs.md"), "routes",
        RouteDescription.markdownTable(manifest.routePrefix(), techdocs.routeTable()));
  }
}
