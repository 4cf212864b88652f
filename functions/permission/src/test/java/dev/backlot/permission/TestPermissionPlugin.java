package dev.backlot.permission;

import dev.backlot.platform.Plugin;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.db.Database;
import dev.backlot.platform.manifest.BundledManifest;
import dev.backlot.platform.manifest.PluginManifest;

/** The permission plugin as tests set it up: its tables migrated into a database, or the whole function on one. */
public final class TestPermissionPlugin {
  private static final PluginManifest MANIFEST = BundledManifest.of(PermissionFunction.class);

  private TestPermissionPlugin() {}

  public static Database migrated(Database database) {
    Plugin.withDatabase(MANIFEST, Config.empty(), database, TestPermissionPlugin.class.getClassLoader());
    return database;
  }

  /** {@code database} migrated and without any role, policy or condition: the class's tests share one database. */
  public static Database empty(Database database) throws java.sql.SQLException {
    migrated(database);
    try (java.sql.Connection c = database.connection(); java.sql.Statement statement = c.createStatement()) {
      for (String table : java.util.List.of("rbac_role_members", "rbac_roles", "rbac_policies", "rbac_conditional_policies")) {
        statement.executeUpdate("DELETE FROM " + table);
      }
      statement.executeUpdate("UPDATE rbac_state SET csv_digest = NULL");
    }
    return database;
  }

  /** The function with {@code config} on {@code database}. */
  public static PermissionFunction function(Config config, Database database) {
    return new PermissionFunction(Plugin.withDatabase(MANIFEST, config, database, TestPermissionPlugin.class.getClassLoader()));
  }

  public static PluginManifest manifest() {
    return MANIFEST;
  }
}
