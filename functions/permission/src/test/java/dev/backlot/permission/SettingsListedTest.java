package dev.backlot.permission;

import dev.backlot.platform.config.Config;
import dev.backlot.platform.db.Database;
import dev.backlot.testing.ManifestSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** functions/permission/plugin.yaml's settings name exactly the config keys the plugin reads when it starts. */
class SettingsListedTest {
  @Test
  void theManifestListsEveryKeyThePluginReads(@TempDir Path dir) throws Exception {
    Path csv = java.nio.file.Files.writeString(dir.resolve("rbac-policy.csv"), "p, role:default/a, catalog-entity, read, allow\n");
    Config config = Config.of(Map.of("backend", Map.of("baseUrl", "http://127.0.0.1:7007"),
        "permission", Map.of("rbac", Map.of("policies-csv-file", csv.toString(),
            "admin", Map.of("users", List.of(Map.of("name", "user:default/admin")), "superUsers", List.of(Map.of("name", "user:default/root")))))));
    Set<String> reads = new TreeSet<>();
    Database database = Database.connect("jdbc:sqlite:" + dir.resolve("permission.sqlite"));
    TestPermissionPlugin.function(config.recordingReads(reads::add), database);
    ManifestSettings.assertListedAsRead("permission", TestPermissionPlugin.manifest().settings(), reads);
  }
}
