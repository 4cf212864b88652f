package dev.backlot.catalog.permissions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backlot.catalog.CatalogFunction;
import dev.backlot.platform.Plugin;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.db.Database;
import dev.backlot.platform.http.RouteDescription;
import dev.backlot.platform.manifest.BundledManifest;
import dev.backlot.platform.manifest.PluginManifest;
import dev.backlot.platform.permission.PermissionMetadata;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every catalog route a person may call names the permission the permission function decides
 * it by: a route added without one would be decided by its level alone, RBAC policies aside.
 */
class RoutesNamePermissionsTest {
  @Test
  void everyRouteAPersonMayCallNamesAPermission(@TempDir Path dir) {
    PluginManifest manifest = BundledManifest.of(CatalogFunction.class);
    Database database = Database.connect("jdbc:sqlite:" + dir.resolve("catalog.sqlite"));
    CatalogFunction catalog = new CatalogFunction(Plugin.withDatabase(manifest,
        Config.of(Map.of("backend", Map.of("baseUrl", "http://127.0.0.1:7007"))), database, getClass().getClassLoader()));
    List<String> without = catalog.routeTable().stream()
        .filter(route -> route.access().toString().startsWith("signed-in") || route.access().toString().startsWith("admins"))
        .filter(route -> !route.path().equals(PermissionMetadata.PATH))
        .filter(route -> route.access().permission() == null)
        .map(RouteDescription::path).toList();
    assertEquals(List.of(), without);
  }
}
