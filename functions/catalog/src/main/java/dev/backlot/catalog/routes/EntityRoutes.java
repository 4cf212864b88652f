package dev.backlot.catalog.routes;

import dev.backlot.catalog.model.EntityRef;
import dev.backlot.catalog.storage.EntityFilter;
import dev.backlot.catalog.storage.EntityStore;
import dev.backlot.platform.http.HttpError;
import dev.backlot.platform.http.Request;
import dev.backlot.platform.http.Router;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/** Backstage's entity read routes: {@code /entities}, by uid and by name. */
public final class EntityRoutes {
  private static final int MAX_LIMIT = 10_000;

  private final EntityStore store;

  public EntityRoutes(EntityStore store) {
    this.store = store;
  }

  public void register(Router router) {
    router.get("/entities", this::list);
    router.post("/entities/by-refs", this::byRefs);
    router.get("/entity-facets", request -> {
      List<String> facets = request.queryAll("facet");
      if (facets.isEmpty()) {
        throw HttpError.inputError("request/query must have required property 'facet'");
      }
      return Map.of("facets", store.facets(facets, EntityFilter.parse(request.queryAll("filter"))));
    });
    router.get("/entities/by-uid/:uid", request -> store.byUid(request.pathParam("uid"))
        .orElseThrow(() -> HttpError.notFound("No entity with uid " + request.pathParam("uid"))));
    router.get("/entities/by-name/:kind/:namespace/:name", request -> {
      String kind = request.pathParam("kind");
      String namespace = request.pathParam("namespace");
      String name = request.pathParam("name");
      return store.byRef(new EntityRef(kind, namespace, name).toString())
          .orElseThrow(() -> HttpError.notFound("No entity named '" + name + "' found, with kind '"
              + kind.toLowerCase(Locale.ROOT) + "' in namespace '" + namespace.toLowerCase(Locale.ROOT) + "'"));
    });
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
    List<Object> items = new ArrayList<>();
    for (JsonNode ref : refs) {
      if (!ref.isTextual()) {
        throw HttpError.inputError("request/body/entityRefs must contain strings");
      }
      EntityRef parsed;
      try {
        parsed = EntityRef.parse(ref.asText(), null, EntityRef.DEFAULT_NAMESPACE);
      } catch (IllegalArgumentException e) {
        throw HttpError.inputError(e.getMessage());
      }
      items.add(store.byRef(parsed.toString()).orElse(null));
    }
    Map<String, Object> response = new java.util.LinkedHashMap<>();
    response.put("items", items);
    return response;
  }

  private List<?> list(Request request) {
    int limit = intParam(request, "limit", MAX_LIMIT);
    int offset = intParam(request, "offset", 0);
    return store.list(EntityFilter.parse(request.queryAll("filter")), Math.min(limit, MAX_LIMIT), offset);
  }

  private static int intParam(Request request, String name, int fallback) {
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
