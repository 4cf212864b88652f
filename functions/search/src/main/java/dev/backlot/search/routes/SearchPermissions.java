package dev.backlot.search.routes;

import dev.backlot.platform.permission.Permission;

/**
 * search's own permission. Backstage's search has none for querying (each result is governed by
 * its document's read permission), so the name of running the index is Backlot's.
 */
final class SearchPermissions {
  /** Running the full indexing pass on demand (the scheduler calls it as a service). */
  static final Permission INDEX_RUN = Permission.basic("search.index.run", "update");

  private SearchPermissions() {}
}
