package dev.backlot.github.routes;

import dev.backlot.github.orgdata.OrgSync;
import dev.backlot.platform.http.Access;
import dev.backlot.platform.http.Request;
import dev.backlot.platform.http.Router;
import java.util.Map;

/** {@code POST /org-sync}: Cloud Scheduler's (or an admin's) call that syncs {@code github.orgs} into the catalog. */
public final class OrgSyncRoutes {
  private final OrgSync sync;

  public OrgSyncRoutes(OrgSync sync) {
    this.sync = sync;
  }

  public void register(Router router) {
    router.post("/org-sync", Access.admins().orServices("scheduler").permission(GitHubPermissions.ORG_SYNC_RUN), this::sync);
  }

  private Map<String, Object> sync(Request request) {
    return Map.of("organizations", sync.syncAll());
  }
}
