package dev.backlot.apidocs.routes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.apidocs.storage.ApiRef;
import dev.backlot.catalog.client.CatalogClient;
import dev.backlot.catalog.client.EntityFilterQuery;
import dev.backlot.catalog.client.QueryEntitiesRequest;
import dev.backlot.platform.auth.Identity;
import dev.backlot.platform.http.Filter;
import dev.backlot.platform.http.HttpError;
import dev.backlot.platform.http.Request;
import dev.backlot.platform.http.Response;
import dev.backlot.platform.permission.Decision;
import dev.backlot.platform.permission.Permission;
import dev.backlot.platform.permission.PermissionClient;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which APIs a caller may read here: those whose catalog entity they may read, so the API docs
 * never show what the catalog hides. With {@code permission.enabled} the caller's {@code
 * catalog.entity.read} decides: ALLOW is every API, DENY none, and a CONDITIONAL is delegated to the
 * catalog, which lists the API entities it lets the caller read (its conditions applied in its SQL,
 * on the caller's forwarded token); the listing then pages among those refs in this plugin's SQL.
 * Without the permission framework, and for services, every API is readable, as before.
 *
 * <p>As a filter it answers 404 on the read routes of one API ({@code /apis/:namespace/:name/...}
 * naming {@code api-docs.definition.read}) when the caller may not read that API, as the catalog's
 * by-name does.
 */
final class ReadableApis implements Filter {
  static final Permission CATALOG_ENTITY_READ = Permission.resource("catalog.entity.read", "read", "catalog-entity");
  /** The most API entities a conditional reader may read; past it a listing is a 503 rather than a partial page. */
  static final int MAX_READABLE = 100_000;
  /** Principals whose readable refs are kept; past it the cache starts over. */
  static final int MAX_CACHED = 1_000;
  private static final int PAGE = 500;
  private static final QueryEntitiesRequest API_REFS = QueryEntitiesRequest.where(EntityFilterQuery.where("kind", "api"))
      .fields("kind", "metadata.namespace", "metadata.name").limit(PAGE);

  private record Cached(Set<String> refs, Instant expires) {}

  private final PermissionClient permissions;
  private final CatalogClient catalog;
  private final Clock clock;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  /** {@code permissions} null: the permission framework is off and every API is readable. */
  ReadableApis(PermissionClient permissions, CatalogClient catalog, Clock clock) {
    this.permissions = permissions;
    this.catalog = catalog;
    this.clock = clock;
  }

  /** The refs ({@code api:ns/name}) the caller may read; empty when every API is readable. */
  Optional<Set<String>> among(Request request) {
    Identity caller = request.identity();
    if (permissions == null || caller.kind() == Identity.Kind.SERVICE) {
      return Optional.empty();
    }
    Decision decision = permissions.authorize(caller, request::callerAuthorization,
        List.of(new PermissionClient.Item(CATALOG_ENTITY_READ, null))).get(0);
    return switch (decision.result()) {
      case ALLOW -> Optional.empty();
      case DENY -> Optional.of(Set.of());
      // A static token's conditions would need its token sent on to the catalog, which it may not be valid for.
      case CONDITIONAL -> Optional.of(caller.kind() == Identity.Kind.USER ? conditionallyReadable(caller, request) : Set.of());
    };
  }

  @Override
  public Response filter(Request request, Chain chain) throws Exception {
    boolean readsOneApi = request.route().path().startsWith("/apis/:namespace/:name")
        && ApiDocsPermissions.DEFINITION_READ.equals(request.route().access().permission());
    if (readsOneApi && request.identityIfAny().isPresent()) {
      ApiRef api = Paths.api(request);
      Optional<Set<String>> readable = among(request);
      if (readable.isPresent() && !readable.get().contains(api.toString())) {
        throw HttpError.notFound("No definition stored for " + api);
      }
    }
    return chain.proceed(request);
  }

  private Set<String> conditionallyReadable(Identity caller, Request request) {
    Instant now = clock.instant();
    Cached cached = cache.get(caller.subject());
    if (cached != null && cached.expires().isAfter(now)) {
      return cached.refs();
    }
    List<ObjectNode> entities;
    try {
      entities = catalog.asCallerOf(request).queryAllEntities(API_REFS);
    } catch (IOException | RuntimeException e) {
      throw HttpError.serviceUnavailable("Cannot ask the catalog which APIs you may read: " + e.getMessage());
    }
    if (entities.size() > MAX_READABLE) {
      throw HttpError.serviceUnavailable("More than " + MAX_READABLE + " APIs are readable under conditions; the listing is refused rather than cut");
    }
    Set<String> refs = new HashSet<>();
    for (ObjectNode entity : entities) {
      try {
        refs.add(new ApiRef(entity.path("metadata").path("namespace").asText("default"), entity.path("metadata").path("name").asText()).toString());
      } catch (IllegalArgumentException e) {
        // A catalog API whose name api-docs cannot store has no definition here to show.
      }
    }
    if (cache.size() >= MAX_CACHED) {
      cache.clear();
    }
    Set<String> readable = Set.copyOf(refs);
    cache.put(caller.subject(), new Cached(readable, now.plus(PermissionClient.DECISION_TTL)));
    return readable;
  }
}
