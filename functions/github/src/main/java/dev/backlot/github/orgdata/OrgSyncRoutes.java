package dev.backlot.github.orgdata;

import dev.backlot.platform.auth.AdminGroups;
import dev.backlot.platform.http.Request;
import dev.backlot.platform.http.Router;
import java.util.Map;

/** {@code POST /org-sync}: Cloud Scheduler's (or an admin's) call that syncs {@code github.orgs} into the catalog. */
public final class OrgSyncRoutes {
  private final OrgSync sync;
  private final AdminGroups admins;

  public OrgSyncRoutes(OrgSync sync, AdminGroups admins) {
    this.sync = sync;
    this.admins = admins;
  }

  public void register(Router router) {
    router.post("/org-sync", this::sync);
  }

  private Map<String, Object> sync(Request request) {
    admins.require(request.identity());
    return Map.of("organizations", sync.syncAll());
  }
}
