package dev.backlot.catalog.permissions;

import dev.backlot.platform.permission.Permission;
import java.util.List;

/**
 * The catalog's permissions, with Backstage's names, actions and resource type ({@code
 * @backstage/plugin-catalog-common}): policies written for Backstage or Red Hat Developer Hub
 * name them unchanged.
 */
public final class CatalogPermissions {
  public static final String RESOURCE_TYPE = "catalog-entity";

  public static final Permission ENTITY_READ = Permission.resource("catalog.entity.read", "read", RESOURCE_TYPE);
  /** Checked by the UI before it offers to register; the catalog's own registration route asks for {@link #LOCATION_CREATE}. */
  public static final Permission ENTITY_CREATE = Permission.basic("catalog.entity.create", "create");
  public static final Permission ENTITY_DELETE = Permission.resource("catalog.entity.delete", "delete", RESOURCE_TYPE);
  public static final Permission ENTITY_REFRESH = Permission.resource("catalog.entity.refresh", "update", RESOURCE_TYPE);
  public static final Permission ENTITY_VALIDATE = Permission.basic("catalog.entity.validate", null);
  public static final Permission LOCATION_READ = Permission.basic("catalog.location.read", "read");
  public static final Permission LOCATION_CREATE = Permission.basic("catalog.location.create", "create");
  public static final Permission LOCATION_DELETE = Permission.basic("catalog.location.delete", "delete");
  public static final Permission LOCATION_ANALYZE = Permission.basic("catalog.location.analyze", null);

  /** Those no catalog route names, published so that policies naming them validate. */
  public static final List<Permission> UNROUTED = List.of(ENTITY_CREATE);

  private CatalogPermissions() {}
}
