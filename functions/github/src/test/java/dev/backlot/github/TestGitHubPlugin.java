package dev.backlot.github;

import dev.backlot.platform.Plugin;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.db.Database;
import dev.backlot.platform.manifest.PluginManifest;
import java.util.List;

/** This plugin's tables, migrated into a test's database as the plugin migrates its own at start. */
public final class GitHubSchema {
  private static final PluginManifest MANIFEST = new PluginManifest("github", GitHubFunction.class.getName(), "/api/github", true,
      false, List.of(), List.of(), "/healthcheck", List.of(), PluginManifest.Resources.DEFAULT);

  private GitHubSchema() {}

  public static Database migrated(Database database) {
    Plugin.withDatabase(MANIFEST, Config.empty(), database, GitHubSchema.class.getClassLoader());
    return database;
  }
}
