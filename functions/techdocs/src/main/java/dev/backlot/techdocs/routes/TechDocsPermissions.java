package dev.backlot.techdocs.routes;

import dev.backlot.platform.permission.Permission;

/**
 * TechDocs' permissions. Backstage's techdocs-backend guards docs with the catalog's
 * {@code catalog.entity.read} on the entity; reading docs here names that permission, and a
 * decision other than ALLOW (DENY, or conditions this plugin cannot evaluate without the catalog's
 * rows) answers 404, as the catalog hides entities. The sync has Backlot's own name in Backstage's
 * {@code <plugin>.<resource>.<verb>} form.
 */
final class TechDocsPermissions {
  static final Permission ENTITY_READ = Permission.resource("catalog.entity.read", "read", "catalog-entity");
  static final Permission SYNC_RUN = Permission.basic("techdocs.sync.run", "update");

  private TechDocsPermissions() {}
}
