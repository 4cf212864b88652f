package dev.backlot.scaffolder;

import dev.backlot.platform.Plugin;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.db.Database;
import dev.backlot.platform.manifest.BundledManifest;
import dev.backlot.platform.manifest.PluginManifest;

/** The scaffolder plugin as tests set it up: its tables migrated into a database, or the whole function on one. */
public final class TestScaffolderPlugin {
  private static final PluginManifest MANIFEST = BundledManifest.of(ScaffolderFunction.class);

  private TestScaffolderPlugin() {}

  public static Database migrated(Database database) {
    Plugin.withDatabase(MANIFEST, Config.empty(), database, TestScaffolderPlugin.class.getClassLoader());
    return database;
  }

  public static ScaffolderFunction function(Config config, Database database) {
    return new ScaffolderFunction(Plugin.withDatabase(MANIFEST, config, database, TestScaffolderPlugin.class.getClassLoader()));
  }

  public static PluginManifest manifest() {
    return MANIFEST;
  }
}
