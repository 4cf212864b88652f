package dev.backlot.apidocs.routes;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.apidocs.storage.ApiRef;
import dev.backlot.apidocs.storage.DefinitionStore;
import dev.backlot.apidocs.sync.ApiEntity;
import dev.backlot.apidocs.validation.DefinitionFormat;
import dev.backlot.apidocs.validation.DefinitionValidator;
import dev.backlot.apidocs.validation.UnreadableDefinitionException;
import dev.backlot.catalog.client.CatalogClient;
import dev.backlot.platform.http.Access;
import dev.backlot.platform.http.HttpError;
import dev.backlot.platform.http.Json;
import dev.backlot.platform.http.Router;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code POST /sync}: stores the definition of every API entity in the catalog as its latest
 * version. Cloud Scheduler (a timer locally) calls it; it is idempotent, since unchanged content
 * is the same version, and a catalog that cannot be read changes nothing.
 */
public final class SyncRoutes {
  private static final Logger LOG = Logger.getLogger(SyncRoutes.class.getName());

  private final CatalogClient catalog;
  private final Intake intake;

  public SyncRoutes(CatalogClient catalog, DefinitionValidator validator, DefinitionStore store) {
    this.catalog = catalog;
    this.intake = new Intake(validator, store);
  }

  public void register(Router router) {
    router.post("/sync", Access.admins().orServices("scheduler").permission(ApiDocsPermissions.SYNC_RUN), request -> {
      List<ApiEntity> entities;
      try {
        entities = ApiEntity.all(catalog);
      } catch (IOException | RuntimeException e) {
        LOG.log(Level.WARNING, "cannot read API entities from the catalog", e);
        throw HttpError.serviceUnavailable("Cannot read API entities from the catalog: " + e.getMessage());
      }
      int stored = 0;
      int unchanged = 0;
      ArrayNode failed = Json.MAPPER.createArrayNode();
      for (ApiEntity entity : entities) {
        String ref = "api:" + entity.namespace() + "/" + entity.name();
        try {
          if (entity.definition() == null) {
            throw new IllegalArgumentException("spec.definition is missing");
          }
          byte[] content = entity.definition().getBytes(StandardCharsets.UTF_8);
          DefinitionFormat hint = DefinitionFormat.byId(entity.type()).orElse(null);
          // Invalid definitions are stored too, marked: the catalog is the source of truth and docs
          // of a slightly broken spec beat none.
          Intake.Outcome outcome = intake.take(new ApiRef(entity.namespace(), entity.name()), content, hint, "catalog", false);
          if (outcome.saved().created()) {
            stored++;
          } else {
            unchanged++;
          }
        } catch (UnreadableDefinitionException | IllegalArgumentException e) {
          failed.addObject().put("entityRef", ref).put("message", e.getMessage());
        }
      }
      ObjectNode body = Json.object().put("apis", entities.size()).put("stored", stored).put("unchanged", unchanged);
      body.set("failed", failed);
      return body;
    });
  }
}
