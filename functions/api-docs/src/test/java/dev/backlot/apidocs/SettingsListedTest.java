package dev.backlot.apidocs;

import dev.backlot.platform.Plugin;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.db.Database;
import dev.backlot.platform.manifest.BundledManifest;
import dev.backlot.platform.manifest.PluginManifest;
import dev.backlot.testing.ManifestSettings;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** functions/api-docs/plugin.yaml's settings name exactly the config keys the plugin reads when it starts. */
class SettingsListedTest {
  private static final Config CONFIG = Config.of(Map.of("backend", Map.of("baseUrl", "http://127.0.0.1:7007")));

  @Test
  void theManifestListsEveryKeyThePluginReads(@TempDir Path dir) {
    PluginManifest manifest = BundledManifest.of(ApiDocsFunction.class);
    Set<String> reads = new TreeSet<>();
    Database database = Database.connect("jdbc:sqlite:" + dir.resolve("api-docs.sqlite"));
    new ApiDocsFunction(Plugin.withDatabase(manifest, CONFIG.recordingReads(reads::add), database, getClass().getClassLoader()));
    ManifestSettings.assertListedAsRead(manifest.id(), manifest.settings(), reads);
  }
}
