package dev.backlot.permission;

import dev.backlot.permission.plugins.PluginMetadata;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.config.ConfigException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * RHDH's {@code permission.rbac} keys this plugin reads: {@code admin.users} and {@code
 * admin.superUsers} (lists of {@code {name: <user or group ref>}}), {@code policies-csv-file} and
 * {@code pluginsWithPermission} (the plugins whose permission metadata the API lists).
 */
record RbacConfig(List<String> adminUsers, List<String> superUsers, Optional<Path> policiesCsvFile, List<String> pluginsWithPermission) {
  static RbacConfig from(Config config) {
    return new RbacConfig(names(config, "permission.rbac.admin.users"), names(config, "permission.rbac.admin.superUsers"),
        config.getOptionalString("permission.rbac.policies-csv-file").filter(s -> !s.isBlank()).map(Path::of),
        withThisPlugin(config.getOptionalCommaSeparatedList("permission.rbac.pluginsWithPermission").orElse(PluginMetadata.DEFAULT_PLUGINS)));
  }

  /** {@code plugins} and this one, whose policy.entity.* permissions policies name: RHDH's plugin id provider always lists it too. */
  private static List<String> withThisPlugin(List<String> plugins) {
    if (plugins.contains("permission")) {
      return plugins;
    }
    List<String> all = new ArrayList<>(plugins);
    all.add("permission");
    return List.copyOf(all);
  }

  private static List<String> names(Config config, String key) {
    List<String> names = new ArrayList<>();
    for (Config entry : config.getOptionalConfigList(key).orElse(List.of())) {
      String name = entry.getOptionalString("name").orElseThrow(() -> new ConfigException(key + " lists entries {name: <user or group ref>}"));
      if (!name.startsWith("user:") && !name.startsWith("group:")) {
        throw new ConfigException(key + " names users and groups by full entity ref (user:default/jdoe), not '" + name + "'");
      }
      names.add(name);
    }
    return List.copyOf(names);
  }
}
