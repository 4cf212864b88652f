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

  /**
   * The scaffolder's own classes only, for its migrations: tests also have the catalog on the class
   * path (RealCatalog), whose migrations must not be applied to the scaffolder's database.
   */
  static ClassLoader code() {
    return new java.net.URLClassLoader(new java.net.URL[] {ScaffolderFunction.class.getProtectionDomain().getCodeSource().getLocation()}, null);
  }

  public static Database migrated(Database database) {
    Plugin.withDatabase(MANIFEST, Config.empty(), database, code());
    return database;
  }

  /** {@code database} migrated and without any task: a class's tests share one PostgreSQL database. */
  public static Database empty(Database database) throws java.sql.SQLException {
    migrated(database);
    try (java.sql.Connection c = database.connection(); java.sql.Statement statement = c.createStatement()) {
      statement.executeUpdate("DELETE FROM scaffolder_task_events");
      statement.executeUpdate("DELETE FROM scaffolder_tasks");
    }
    return database;
  }

  public static ScaffolderFunction function(Config config, Database database) {
    return new ScaffolderFunction(Plugin.withDatabase(MANIFEST, config, database, code()));
  }

  public static PluginManifest manifest() {
    return MANIFEST;
  }
}
