package dev.backlot.apidocs;

import com.google.cloud.functions.HttpFunction;
import dev.backlot.platform.Plugin;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.db.Database;
import dev.backlot.platform.manifest.PluginManifest;
import java.nio.file.Path;
import java.util.List;

/** The plugin as the local portal runs it: a SQLite file and a blob folder under {@code dir}. */
public final class LocalApiDocs {
  private LocalApiDocs() {}

  public static HttpFunction start(Path dir, Config config) {
    PluginManifest manifest = new PluginManifest("api-docs", ApiDocsFunction.class.getName(), "/api/api-docs", true, true,
        List.of(), List.of(), "/apis?limit=1", List.of(), PluginManifest.Resources.DEFAULT);
    Database database = Database.connect("jdbc:sqlite:" + dir.resolve("api-docs.sqlite"));
    return new ApiDocsFunction(Plugin.withDatabase(manifest, config, database, LocalApiDocs.class.getClassLoader()));
  }
}
