package dev.backlot.search;

import dev.backlot.platform.config.Config;
import dev.backlot.platform.db.Database;
import dev.backlot.testing.ManifestSettings;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** functions/search/plugin.yaml's settings name exactly the config keys the plugin reads when it starts. */
class SettingsListedTest {
  @Test
  void theManifestListsEveryKeyThePluginReads(@TempDir Path dir) throws Exception {
    Config config = Config.of(Map.of("backend", Map.of("baseUrl", "http://127.0.0.1:7007"),
        "search", Map.of("maxPageLimit", 50, "maxTermLength", 80, "index", Map.of("batchSize", 100, "timeBudgetSeconds", 30, "passIntervalMinutes", 30),
            "highlightOptions", Map.of("preTag", "<mark>", "postTag", "</mark>", "useHighlight", true, "maxWords", 20))));
    Set<String> reads = new TreeSet<>();
    TestSearchPlugin.function(config.recordingReads(reads::add), Database.connect("jdbc:sqlite:" + dir.resolve("search.sqlite")));
    ManifestSettings.assertListedAsRead("search", TestSearchPlugin.manifest().settings(), reads);
  }
}
