package dev.backlot.scaffolder;

import dev.backlot.platform.config.Config;
import dev.backlot.platform.db.Database;
import dev.backlot.testing.ManifestSettings;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** functions/scaffolder/plugin.yaml's settings name exactly the config keys the plugin reads when it starts. */
class SettingsListedTest {
  @Test
  void theManifestListsEveryKeyThePluginReads(@TempDir Path dir) throws Exception {
    Config config = Config.of(Map.of("backend", Map.of("baseUrl", "http://127.0.0.1:7007")));
    Set<String> reads = new TreeSet<>();
    TestScaffolderPlugin.function(config.recordingReads(reads::add), Database.connect("jdbc:sqlite:" + dir.resolve("scaffolder.sqlite")));
    ManifestSettings.assertListedAsRead("scaffolder", TestScaffolderPlugin.manifest().settings(), reads);
  }
}
