package dev.backlot.techdocs.routes;

import dev.backlot.platform.http.Access;
import dev.backlot.platform.http.HttpError;
import dev.backlot.platform.http.Router;
import dev.backlot.techdocs.sync.DocsSync;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code POST /sync}: builds the docs of entities whose source changed. Cloud Scheduler (a timer
 * locally) calls it; it is idempotent, since an unchanged source is skipped by its hash, and a
 * catalog that cannot be read changes nothing.
 */
public final class SyncRoutes {
  private static final Logger LOG = Logger.getLogger(SyncRoutes.class.getName());

  private final DocsSync sync;

  public SyncRoutes(DocsSync sync) {
    this.sync = sync;
  }

  public void register(Router router) {
    router.post("/sync", Access.admins().orServices("scheduler").permission(TechDocsPermissions.SYNC_RUN), request -> {
      try {
        return sync.run(sync.documentedEntities());
      } catch (IOException | RuntimeException e) {
        if (e instanceof IllegalArgumentException) {
          throw e;
        }
        LOG.log(Level.WARNING, "cannot read documented entities from the catalog", e);
        throw HttpError.serviceUnavailable("Cannot read documented entities from the catalog: " + e.getMessage());
      }
    });
  }
}
