package dev.backlot.techdocs.routes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.catalog.client.CatalogClient;
import dev.backlot.platform.auth.Identity;
import dev.backlot.platform.http.HttpError;
import dev.backlot.platform.http.Request;
import dev.backlot.platform.permission.Decision;
import dev.backlot.platform.permission.PermissionClient;
import dev.backlot.techdocs.site.EntityTriplet;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether the caller may read an entity's docs: exactly when the catalog lets them read the entity,
 * as techdocs-backend decides. ALLOW reads, DENY does not; CONDITIONAL (a policy such as "what your
 * team owns") is settled by the catalog itself: the entity is asked for with the caller's own
 * token, so the catalog applies the conditions in its SQL, and a 404 there is a 404 here. This plugin
 * never evaluates a condition on its own. A reader's page, its images and search index are several
 * requests, so an answer is kept per caller and entity for the permission client's decision TTL.
 */
final class ReadableEntities {
  /** Answers kept; past it the cache starts over (every entry is seconds old anyway). */
  static final int MAX_CACHED = 10_000;

  private record Cached(Optional<ObjectNode> entity, Instant expires) {}

  private final CatalogClient catalog;
  private final Clock clock;
  private final Map<String, Cached> answers = new ConcurrentHashMap<>();

  ReadableEntities(CatalogClient catalog, Clock clock) {
    this.catalog = catalog;
    this.clock = clock;
  }

  /** The entity the route names, when the caller may read it; a 404 (as for a missing one) when not. */
  EntityTriplet visible(Request request) {
    EntityTriplet entity = named(request);
    Decision.Result result = request.decision().result();
    if (result == Decision.Result.DENY || result == Decision.Result.CONDITIONAL && asCaller(request, entity).isEmpty()) {
      throw notFound(entity);
    }
    return entity;
  }

  /**
   * The entity from the catalog: under conditions as the caller sees it (already asked for by
   * {@link #visible}, so from the cache), else with the plugin's own token.
   */
  Optional<ObjectNode> entity(Request request, EntityTriplet entity) throws IOException {
    if (request.decision().result() == Decision.Result.CONDITIONAL) {
      return asCaller(request, entity);
    }
    return catalog.getEntityByRef(entity.entityRef());
  }

  private Optional<ObjectNode> asCaller(Request request, EntityTriplet entity) {
    Identity caller = request.identity();
    if (caller.kind() != Identity.Kind.USER) {
      // A static token's conditions would need its token sent on to the catalog, which it may not be valid for.
      return Optional.empty();
    }
    Instant now = clock.instant();
    String key = caller.subject() + "\n" + entity.entityRef();
    Cached cached = answers.get(key);
    if (cached != null && cached.expires().isAfter(now)) {
      return cached.entity();
    }
    Optional<ObjectNode> found;
    try {
      found = catalog.asCallerOf(request).getEntityByRef(entity.entityRef());
    } catch (IOException | RuntimeException e) {
      throw HttpError.serviceUnavailable("Cannot ask the catalog whether you may read " + entity.entityRef() + ": " + e.getMessage());
    }
    if (answers.size() >= MAX_CACHED) {
      answers.clear();
    }
    answers.put(key, new Cached(found, now.plus(PermissionClient.DECISION_TTL)));
    return found;
  }

  private static EntityTriplet named(Request request) {
    try {
      return new EntityTriplet(request.pathParam("namespace"), request.pathParam("kind"), request.pathParam("name"));
    } catch (IllegalArgumentException e) {
      throw HttpError.inputError(e.getMessage());
    }
  }

  private static HttpError notFound(EntityTriplet entity) {
    return HttpError.notFound("No TechDocs site for " + entity.entityRef());
  }
}
