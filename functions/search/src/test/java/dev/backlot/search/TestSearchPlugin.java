package dev.backlot.search;

import dev.backlot.platform.Plugin;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.db.Database;
import dev.backlot.platform.manifest.BundledManifest;
import dev.backlot.platform.manifest.PluginManifest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** The search plugin as tests set it up: its tables migrated into a database, or the whole function on one. */
public final class TestSearchPlugin {
  private static final PluginManifest MANIFEST = BundledManifest.of(SearchFunction.class);

  private TestSearchPlugin() {}

  /**
   * Search's own classes only: tests also have the catalog and api-docs on the class path, whose
   * migrations must not be applied to search's database.
   */
  static ClassLoader code() {
    return only(SearchFunction.class);
  }

  /** A loader of {@code type}'s jar or classes folder alone, for its migrations. */
  public static ClassLoader only(Class<?> type) {
    return new java.net.URLClassLoader(new java.net.URL[] {type.getProtectionDomain().getCodeSource().getLocation()}, null);
  }

  /** {@code database} migrated and without documents or checkpoints: a class's tests share one database. */
  public static Database empty(Database database) throws SQLException {
    Plugin.withDatabase(MANIFEST, Config.empty(), database, code());
    try (Connection c = database.connection(); Statement statement = c.createStatement()) {
      List<String> tables = database.dialect() == dev.backlot.platform.db.Dialect.SQLITE
          ? List.of("search_fields", "search_fts", "search_documents", "search_index_runs")
          : List.of("search_fields", "search_documents", "search_index_runs");
      for (String table : tables) {
        statement.executeUpdate("DELETE FROM " + table);
      }
    }
    return database;
  }

  public static SearchFunction function(Config config, Database database) {
    return new SearchFunction(Plugin.withDatabase(MANIFEST, config, database, code()));
  }

  public static java.util.Set<String> types() {
    return java.util.Set.of("software-catalog", "api-definition", "techdocs");
  }

  public static PluginManifest manifest() {
    return MANIFEST;
  }
}
