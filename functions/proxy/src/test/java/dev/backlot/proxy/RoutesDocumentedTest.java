package dev.backlot.proxy;

import dev.backlot.platform.Plugin;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.http.RouteDescription;
import dev.backlot.platform.manifest.BundledManifest;
import dev.backlot.platform.manifest.PluginManifest;
import dev.backlot.testing.GeneratedDocs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docs/proxy.md lists the routes with who may call them, as the code declares them, for the
 * example endpoints the page shows: the routes come from config.
 */
class RoutesDocumentedTest {
  private static final Config EXAMPLE = Config.of(Map.of("proxy", Map.of("endpoints", Map.of(
      "/pagerduty", Map.of("target", "https://api.pagerduty.com", "headers", Map.of("Authorization", "Token token=example")),
      "/status", Map.of("target", "https://status.example.com/api", "allowedMethods", List.of("GET"),
          "credentials", "dangerously-allow-unauthenticated")))));

  @Test
  void theDocsListEveryRouteWithWhoMayCallIt() throws Exception {
    PluginManifest manifest = BundledManifest.of(ProxyFunction.class);
    ProxyFunction proxy = new ProxyFunction(Plugin.start(manifest, EXAMPLE, getClass().getClassLoader()));
    GeneratedDocs.assertCurrent(GeneratedDocs.repositoryRoot().resolve("docs/proxy.md"), "routes",
        RouteDescription.markdownTable(manifest.routePrefix(), proxy.routeTable()));
  }
}
