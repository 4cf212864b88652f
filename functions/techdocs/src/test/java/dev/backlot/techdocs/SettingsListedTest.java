package dev.backlot.techdocs;

import dev.backlot.platform.Plugin;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.manifest.BundledManifest;
import dev.backlot.platform.manifest.PluginManifest;
import dev.backlot.testing.ManifestSettings;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** functions/techdocs/plugin.yaml's settings name exactly the config keys the plugin reads when it starts. */
class SettingsListedTest {
  @Test
  void theManifestListsEveryKeyThePluginReads() {
    PluginManifest manifest = BundledManifest.of(TechDocsFunction.class);
    Set<String> reads = new TreeSet<>();
    Config config = Config.of(Map.of("backend", Map.of("baseUrl", "http://127.0.0.1:7007"))).recordingReads(reads::add);
    new TechDocsFunction(Plugin.start(manifest, config, getClass().getClassLoader()));
    ManifestSettings.assertListedAsRead(manifest.id(), manifest.settings(), reads);
  }
}
