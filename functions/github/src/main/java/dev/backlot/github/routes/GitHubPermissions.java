package dev.backlot.github.routes;

import dev.backlot.platform.permission.Permission;

/**
 * The github plugin's permissions, Backlot's own names in Backstage's form (Backstage's GitHub
 * providers run on a schedule and have no routes to guard); basic permissions.
 */
final class GitHubPermissions {
  /** Reading discovery's targets and progress. */
  static final Permission DISCOVERY_READ = Permission.basic("github.discovery.read", "read");
  /** Running a discovery pass (registers and removes catalog locations through the catalog). */
  static final Permission DISCOVERY_RUN = Permission.basic("github.discovery.run", "update");
  /** Running the organisation sync (users and teams into the catalog). */
  static final Permission ORG_SYNC_RUN = Permission.basic("github.org-sync.run", "update");

  /** Re-running a GitHub Actions workflow run of an entity's repository, with the integration's credentials. */
  static final Permission ACTIONS_RERUN = Permission.basic("github.actions.rerun", "update");

  private GitHubPermissions() {}
}
