package dev.backlot.github;

import dev.backlot.catalog.client.CatalogClient;
import dev.backlot.platform.Plugin;
import dev.backlot.platform.auth.ServiceTokens;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.db.Database;
import dev.backlot.platform.discovery.Discovery;
import dev.backlot.platform.manifest.PluginManifest;
import dev.backlot.testing.TestTokens;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

/** The GitHub plugin as tests set it up: its tables migrated into a database, or the whole function on a fresh SQLite file. */
public final class TestGitHubPlugin {
  private static final PluginManifest MANIFEST = new PluginManifest("github", GitHubFunction.class.getName(), "/api/github", true,
      false, List.of(), List.of(), "/healthcheck", List.of(), PluginManifest.Resources.DEFAULT);

  private TestGitHubPlugin() {}

  public static Database migrated(Database database) {
    Plugin.withDatabase(MANIFEST, Config.empty(), database, TestGitHubPlugin.class.getClassLoader());
    return database;
  }

  /** The catalog client of this plugin for a catalog (WireMock's, or the real one) at {@code baseUrl}, signing as plugin github. */
  public static CatalogClient catalogAt(String baseUrl) {
    Config config = Config.of(TestTokens.withAuth(Map.of("backend", Map.of("baseUrl", baseUrl))));
    return CatalogClient.create(Discovery.fromConfig(config), ServiceTokens.fromConfig(config, "github"));
  }

  /** The function with {@code config}, on its own SQLite file. */
  public static GitHubFunction function(Config config) throws IOException {
    Database database = Database.connect("jdbc:sqlite:" + Files.createTempDirectory("github").resolve("github.sqlite"));
    return new GitHubFunction(Plugin.withDatabase(MANIFEST, config, database, TestGitHubPlugin.class.getClassLoader()));
  }
}
