package dev.backlot.apidocs.routes;

import dev.backlot.platform.permission.Permission;

/**
 * api-docs' permissions. Backstage's api-docs plugin has none of its own, so the names are
 * Backlot's, in Backstage's {@code <plugin>.<resource>.<verb>} form: they apply to every API, not
 * per entity (basic permissions).
 */
final class ApiDocsPermissions {
  /** Listing APIs, reading their versions, definitions, diffs and changes. */
  static final Permission DEFINITION_READ = Permission.basic("api-docs.definition.read", "read");
  /** Storing a definition (people are refused by the route itself; services and static tokens publish). */
  static final Permission DEFINITION_PUBLISH = Permission.basic("api-docs.definition.publish", "create");
  /** Validating a definition and checking it against the stored one: no change, but parser work. */
  static final Permission DEFINITION_VALIDATE = Permission.basic("api-docs.definition.validate", null);
  /** Running the sync of definitions from the catalog. */
  static final Permission SYNC_RUN = Permission.basic("api-docs.sync.run", "update");

  private ApiDocsPermissions() {}
}
