package dev.backlot.techdocs.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.catalog.client.CatalogClient;
import dev.backlot.platform.http.Access;
import dev.backlot.platform.http.HttpError;
import dev.backlot.platform.http.Json;
import dev.backlot.platform.http.Request;
import dev.backlot.platform.http.Router;
import dev.backlot.techdocs.site.DocPath;
import dev.backlot.techdocs.site.EntityTriplet;
import dev.backlot.techdocs.site.SiteMetadata;
import dev.backlot.techdocs.site.SiteStore;
import dev.backlot.techdocs.site.SiteStore.StoredFile;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Backstage's techdocs-backend reading routes, with its paths, so its frontend and techdocs-cli's
 * sites work unchanged: the site's metadata, the entity's, and the site's files.
 */
public final class ServingRoutes {
  private static final Logger LOG = Logger.getLogger(ServingRoutes.class.getName());
  private static final Access READ = Access.SIGNED_IN.permission(TechDocsPermissions.ENTITY_READ);

  private final SiteStore sites;
  private final ReadableEntities readable;
  private final boolean legacyCasing;

  public ServingRoutes(SiteStore sites, CatalogClient catalog, boolean legacyCasing) {
    this.sites = sites;
    this.readable = new ReadableEntities(catalog, Clock.systemUTC());
    this.legacyCasing = legacyCasing;
  }

  public void register(Router router) {
    router.get("/metadata/techdocs/:namespace/:kind/:name", READ, this::siteMetadata);
    router.get("/metadata/entity/:namespace/:kind/:name", READ, this::entityMetadata);
    router.get("/static/docs/:namespace/:kind/:name/*", READ, this::file);
  }

  private Object siteMetadata(Request request) throws IOException {
    EntityTriplet entity = readable.visible(request);
    StoredFile file = sites.find(entity.folder(legacyCasing) + "/" + SiteMetadata.FILE)
        .orElseThrow(() -> HttpError.notFound("No TechDocs site for " + entity.entityRef()));
    if (file.size() > SiteMetadata.MAX_BYTES) {
      throw new HttpError(502, "NotAllowedError", "The site's " + SiteMetadata.FILE + " is larger than " + SiteMetadata.MAX_BYTES + " bytes");
    }
    try (InputStream in = file.open()) {
      return SiteMetadata.parse(in.readAllBytes());
    } catch (IllegalArgumentException e) {
      throw new HttpError(502, "Error", "The site's " + SiteMetadata.FILE + " is unreadable: " + e.getMessage());
    }
  }

  private Object entityMetadata(Request request) throws IOException {
    EntityTriplet entity = readable.visible(request);
    Optional<ObjectNode> found;
    try {
      found = readable.entity(request, entity);
    } catch (IOException e) {
      LOG.log(Level.WARNING, "cannot read " + entity.entityRef() + " from the catalog", e);
      throw HttpError.serviceUnavailable("Cannot read the entity from the catalog: " + e.getMessage());
    }
    JsonNode body = found.orElseThrow(() -> HttpError.notFound("Entity " + entity.entityRef() + " not found"));
    // Backstage answers the entity with its locationMetadata (type and target of its managed-by-location).
    ObjectNode answer = ((ObjectNode) body).deepCopy();
    JsonNode location = body.path("metadata").path("annotations").path("backstage.io/managed-by-location");
    if (location.isTextual() && location.asText().contains(":")) {
      String ref = location.asText();
      answer.set("locationMetadata", Json.object().put("type", ref.substring(0, ref.indexOf(':'))).put("target", ref.substring(ref.indexOf(':') + 1)));
    }
    return answer;
  }

  private Object file(Request request) throws IOException {
    EntityTriplet entity = readable.visible(request);
    String path;
    try {
      // The router's "*" drops a trailing '/', which says "this folder's index page".
      String rest = request.pathParam("*");
      path = DocPath.resolve(request.path().endsWith("/") && !rest.isEmpty() ? rest + "/" : rest);
    } catch (IllegalArgumentException e) {
      throw HttpError.inputError(e.getMessage());
    }
    StoredFile file = sites.find(entity.folder(legacyCasing) + "/" + path)
        .orElseThrow(() -> HttpError.notFound("No file " + path + " in the docs of " + entity.entityRef()));
    return FileAnswer.of(request, path, file);
  }
}
