package dev.backlot.catalog.routes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlot.catalog.ingestion.LocationRefresh;
import dev.backlot.catalog.ingestion.LocationSpec;
import dev.backlot.catalog.ingestion.RefreshFanOut;
import dev.backlot.catalog.ingestion.SelfRequests;
import dev.backlot.catalog.model.EntityRef;
import dev.backlot.catalog.storage.EntityStore;
import dev.backlot.catalog.storage.RefreshLeases;
import dev.backlot.catalog.permissions.CatalogPermissions;
import dev.backlot.catalog.permissions.ReadableEntities;
import dev.backlot.platform.http.Access;
import dev.backlot.platform.permission.Decision;
import dev.backlot.platform.http.HttpError;
import dev.backlot.platform.http.Request;
import dev.backlot.platform.http.Router;
import java.io.IOException;
import java.util.Map;
import java.util.Set;

/**
 * Backstage's {@code POST /refresh}, and the unit of work its scheduled call fans out to: {@code
 * POST /refresh/location} refreshes one location the caller claimed, for the catalog itself (and
 * the scheduler) only, so no user or other plugin can make the catalog read on demand.
 */
public final class RefreshRoutes {
  /** A unit's body is a location and a lease id: targets are at most 2,048 characters. */
  static final int MAX_UNIT_BODY_BYTES = 16 * 1024;
  private static final Set<String> LOCATION_TYPES = Set.of("file", "url");

  private final LocationRefresh refresh;
  private final RefreshFanOut fanOut;
  private final EntityStore entities;

  public RefreshRoutes(LocationRefresh refresh, RefreshFanOut fanOut, EntityStore entities) {
    this.refresh = refresh;
    this.fanOut = fanOut;
    this.entities = entities;
  }

  public void register(Router router) {
    router.post("/refresh", Access.admins().orServices("scheduler", "github").permission(CatalogPermissions.ENTITY_REFRESH), this::refresh);
    router.post(SelfRequests.PATH, Access.services("catalog", "scheduler"), MAX_UNIT_BODY_BYTES, this::refreshClaimed);
  }

  /**
   * The scheduler's call (no body) refreshes the locations that are due, fanned out; Backstage's
   * {@code {"entityRef": ...}} refreshes the location that emitted that entity, now.
   */
  private Object refresh(Request request) throws Exception {
    JsonNode body = request.body().length == 0 ? null : request.json();
    if (body == null || !body.has("entityRef")) {
      if (request.decision().result() != Decision.Result.ALLOW) {
        // A person whose policy allows refreshing some entities names one; due locations are everyone's.
        throw HttpError.notAllowed("Not allowed: refreshing every due location needs catalog.entity.refresh without conditions");
      }
      return Audited.mutation(request, Audited.ENTITY_MUTATE, "refresh", "due locations", fanOut::run);
    }
    String ref;
    try {
      ref = EntityRef.parse(body.path("entityRef").asText(""), null, EntityRef.DEFAULT_NAMESPACE).toString();
    } catch (IllegalArgumentException e) {
      throw HttpError.inputError(e.getMessage());
    }
    return Audited.mutation(request, Audited.ENTITY_MUTATE, "refresh", ref, () -> {
      entities.byRef(ref).orElseThrow(() -> HttpError.notFound("No entity named '" + ref + "' found"));
      if (entities.byRef(ref, ReadableEntities.of(request)).isEmpty()) {
        throw HttpError.notAllowed("Not allowed: the permission policy does not let you refresh " + ref);
      }
      return Map.of("locations", refresh.refreshEntity(ref).stream().toList());
    });
  }

  /** One unit: {@code {"type", "target", "lease"}}; 409 when that lease is not held (nothing is read). */
  private LocationRefresh.Outcome refreshClaimed(Request request) throws IOException {
    JsonNode body = request.json();
    String type = body.path("type").asText("");
    String target = body.path("target").asText("");
    String lease = body.path("lease").asText("");
    if (!LOCATION_TYPES.contains(type) || target.isBlank() || lease.isBlank()) {
      throw HttpError.inputError("request/body must be {type: file|url, target, lease}");
    }
    return refresh.refreshClaimed(new RefreshLeases.Lease(new LocationSpec(type, target), lease))
        .orElseThrow(() -> HttpError.conflict("The lease " + lease + " on " + type + ":" + target + " is not held"));
  }
}
