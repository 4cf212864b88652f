package dev.backlot.catalog.routes;

import dev.backlot.catalog.model.EntityRef;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.catalog.storage.EntityFilter;
import dev.backlot.catalog.storage.EntityOrder;
import dev.backlot.catalog.storage.EntityStore;
import static dev.backlot.catalog.permissions.CatalogPermissions.ENTITY_DELETE;
import static dev.backlot.catalog.permissions.CatalogPermissions.ENTITY_READ;

import dev.backlot.catalog.permissions.ReadableEntities;
import dev.backlot.platform.http.Access;
import dev.backlot.platform.http.HttpError;
import dev.backlot.platform.http.Json;
import dev.backlot.platform.http.Request;
import dev.backlot.platform.http.Response;
import dev.backlot.platform.http.Router;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * Backstage's entity routes: {@code /entities}, by uid and by name, facets; deleting is for
 * admins. Every read sees only what its caller may read ({@link ReadableEntities}): lists and
 * facets leave the rest out in their SQL, by uid and by name answer 404 for it, as for an entity
 * that does not exist.
 */
public final class EntityRoutes {
  /** The largest page of entities a request may ask for, here and in {@code /entities/by-query}. */
  static final int MAX_LIMIT = 10_000;
  /** Facets per request: each is a query of its own. */
  static final int MAX_FACETS = 50;
  static final int STREAMED_CHUNK = 2_000;

  private final EntityStore store;

  public EntityRoutes(EntityStore store) {
    this.store = store;
  }

  public void register(Router router) {
    Access read = Access.SIGNED_IN.permission(ENTITY_READ);
    router.get("/entities", read, this::list);
    router.post("/entities/by-refs", read, this::byRefs);
    router.get("/entity-facets", read, request -> {
      List<String> facets = request.queryAll("facet");
      if (facets.isEmpty()) {
        throw HttpError.inputError("request/query must have required property 'facet'");
      }
      checkFacetCount(facets, "request/query/facet");
      return Map.of("facets", store.facets(facets, EntityFilter.parse(request.queryAll("filter")).and(ReadableEntities.of(request))));
    });
    router.post("/entity-facets", read, request -> {
      JsonNode body = request.json();
      if (!body.path("facets").isArray() || body.get("facets").isEmpty()) {
        throw HttpError.inputError("request/body must have required property 'facets'");
      }
      List<String> facets = new ArrayList<>();
      body.get("facets").forEach(f -> facets.add(f.asText()));
      checkFacetCount(facets, "request/body/facets");
      return Map.of("facets", store.facets(facets, EntityFilter.fromPredicate(body.get("query")).and(ReadableEntities.of(request))));
    });
    router.get("/entities/by-uid/:uid", read, request -> store.byUid(request.pathParam("uid"), ReadableEntities.of(request))
        .orElseThrow(() -> HttpError.notFound("No entity with uid " + request.pathParam("uid"))));
    router.delete("/entities/by-uid/:uid", Access.admins().permission(ENTITY_DELETE), this::delete);
    router.get("/entities/by-name/:kind/:namespace/:name/ancestry", read, this::ancestry);
    router.get("/entities/by-name/:kind/:namespace/:name", read, request -> {
      String kind = request.pathParam("kind");
      String namespace = request.pathParam("namespace");
      String name = request.pathParam("name");
      return store.byRef(new EntityRef(kind, namespace, name).toString(), ReadableEntities.of(request))
          .orElseThrow(() -> HttpError.notFound("No entity named '" + name + "' found, with kind '"
              + kind.toLowerCase(Locale.ROOT) + "' in namespace '" + namespace.toLowerCase(Locale.ROOT) + "'"));
    });
  }

  /**
   * Deletes one entity; under a conditional policy only one its conditions select (others are a
   * 403, as Backstage refuses them). An audit event either way.
   */
  private Object delete(Request request) throws Exception {
    String uid = request.pathParam("uid");
    return Audited.mutation(request, Audited.ENTITY_MUTATE, "delete", "uid:" + uid, () -> {
      EntityFilter deletable = ReadableEntities.of(request);
      if (deletable != EntityFilter.ALL && store.byUid(uid, deletable).isEmpty() && store.byUid(uid).isPresent()) {
        throw HttpError.notAllowed("Not allowed: the permission policy does not let you delete entity " + uid);
      }
      if (!store.deleteByUid(uid)) {
        throw HttpError.notFound("No entity with uid " + uid);
      }
      return null;
    });
  }

  private static void checkFacetCount(List<String> facets, String where) {
    if (facets.size() > MAX_FACETS) {
      throw HttpError.inputError(where + " must NOT have more than " + MAX_FACETS + " items");
    }
  }

  /** {@code {entityRefs: [...]}} → {@code {items: [entity|null]}} in request order. */
  private Map<String, Object> byRefs(Request request) throws java.io.IOException {
    JsonNode body = request.json();
    JsonNode refs = body.get("entityRefs");
    if (refs == null) {
      throw HttpError.inputError("request/body must have required property 'entityRefs'");
    }
    if (!refs.isArray()) {
      throw HttpError.inputError("request/body/entityRefs must be array");
    }
    List<String> wanted = new ArrayList<>();
    for (JsonNode ref : refs) {
      if (!ref.isTextual()) {
        throw HttpError.inputError("request/body/entityRefs must contain strings");
      }
      try {
        wanted.add(EntityRef.parse(ref.asText(), null, EntityRef.DEFAULT_NAMESPACE).toString());
      } catch (IllegalArgumentException e) {
        throw HttpError.inputError(e.getMessage());
      }
    }
    // A filter (parameters, or a predicate in the body) turns entities it rejects into nulls.
    EntityFilter filter = (body.has("query") ? EntityFilter.fromPredicate(body.get("query")) : EntityFilter.parse(request.queryAll("filter")))
        .and(ReadableEntities.of(request));
    List<String> fieldPaths = new ArrayList<>();
    body.path("fields").forEach(f -> fieldPaths.add(f.asText()));
    EntityFields fields = EntityFields.parse(fieldPaths);
    Map<String, ObjectNode> found = store.byRefs(wanted, filter);
    List<Object> items = new ArrayList<>();
    wanted.forEach(ref -> items.add(found.containsKey(ref) ? fields.apply(found.get(ref)) : null));
    Map<String, Object> response = new java.util.LinkedHashMap<>();
    response.put("items", items);
    return response;
  }

  /**
   * {@code GET /entities}. With {@code limit}, {@code offset} or {@code after}, a next page is
   * announced as Backstage does it: a {@code link} header whose {@code after} cursor is base64
   * JSON {@code {limit, offset}}.
   */
  private Object list(Request request) {
    PageCursor after = request.query("after").map(PageCursor::parse).orElse(null);
    boolean paged = after != null || request.query("limit").isPresent() || request.query("offset").isPresent();
    int limit = after != null && after.limit() != null ? after.limit() : intParam(request, "limit", MAX_LIMIT);
    int offset = after != null ? after.offset() : intParam(request, "offset", 0);
    EntityFilter filter = EntityFilter.parse(request.queryAll("filter")).and(ReadableEntities.of(request));
    EntityOrder order = EntityOrder.parse(request.queryAll("order"));
    EntityFields fields = EntityFields.parse(request.queryAll("fields"));
    if (!paged) {
      return everyEntity(filter, order.firstOnly(), fields);
    }
    int size = Math.min(limit, MAX_LIMIT);
    List<ObjectNode> page = store.list(filter, order, size + 1, offset);
    boolean more = page.size() > size;
    List<ObjectNode> items = (more ? page.subList(0, size) : page).stream().map(fields::apply).toList();
    Response response = Response.json(200, items);
    if (more) {
      response = response.withHeader("link", "<" + nextUrl(request, new PageCursor(size, offset + size)) + ">; rel=\"next\"");
    }
    return response;
  }

  /**
   * {@code GET /entities} without paging answers every match, as Backstage does: written as it is
   * read, {@value #STREAMED_CHUNK} entities at a time, so a 100k catalog never sits in memory whole.
   */
  private Response everyEntity(EntityFilter filter, EntityOrder order, EntityFields fields) {
    return Response.stream(200, "application/json; charset=utf-8", out -> writeEvery(store, filter, order, fields, STREAMED_CHUNK, out));
  }

  /** Writes the JSON array of every entity {@code filter} selects, reading {@code chunk} at a time. */
  static void writeEvery(EntityStore store, EntityFilter filter, EntityOrder order, EntityFields fields, int chunk,
      java.io.OutputStream out) throws java.io.IOException {
    try (com.fasterxml.jackson.core.JsonGenerator json = Json.MAPPER.getFactory().createGenerator(out)) {
      json.writeStartArray();
      for (int offset = 0; ; offset += chunk) {
        List<ObjectNode> read = store.list(filter, order, chunk, offset);
        for (ObjectNode entity : read) {
          json.writeObject(fields.apply(entity));
        }
        if (read.size() < chunk) {
          break;
        }
      }
      json.writeEndArray();
    }
  }

  private static String nextUrl(Request request, PageCursor next) {
    StringBuilder url = new StringBuilder("/entities?");
    request.queryParameters().forEach((name, values) -> {
      if (!name.equals("offset") && !name.equals("after")) {
        values.forEach(value -> url.append(encode(name)).append('=').append(encode(value)).append('&'));
      }
    });
    return url.append("after=").append(encode(next.encode())).toString();
  }

  private static String encode(String value) {
    return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
  }

  /**
   * Backstage's ancestry: the entity, then each entity whose processing emitted the one before.
   * {@code rootEntityRef} is the entity asked about, where the walk starts, as Backstage answers.
   */
  private Map<String, Object> ancestry(Request request) {
    String ref = new EntityRef(request.pathParam("kind"), request.pathParam("namespace"), request.pathParam("name")).toString();
    List<Map<String, Object>> items = new ArrayList<>();
    String current = ref;
    java.util.Set<String> seen = new java.util.HashSet<>();
    EntityFilter readable = ReadableEntities.of(request);
    while (current != null && seen.add(current)) {
      ObjectNode entity = store.byRef(current, readable).orElse(null);
      if (entity == null) {
        if (current.equals(ref)) {
          throw HttpError.notFound("No such entity " + ref);
        }
        break;
      }
      String parent = store.parentOf(current).orElse(null);
      items.add(Map.of("entity", entity, "parentEntityRefs", parent == null ? List.of() : List.of(parent)));
      current = parent;
    }
    return Map.of("rootEntityRef", ref, "items", items);
  }

  static int intParam(Request request, String name, int fallback) {
    String value = request.query(name).orElse(null);
    if (value == null) {
      return fallback;
    }
    if (!value.matches("-?\\d{1,9}")) {
      throw HttpError.inputError("request/query/" + name + " must be integer");
    }
    int parsed = Integer.parseInt(value);
    if (parsed < 0) {
      throw HttpError.inputError("request/query/" + name + " must be >= 0");
    }
    return parsed;
  }
}
