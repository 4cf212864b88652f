package dev.backlot.catalog.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.catalog.ingestion.LocationAnalyzer;
import dev.backlot.catalog.ingestion.LocationProcessor;
import dev.backlot.catalog.ingestion.LocationRefresh;
import dev.backlot.catalog.ingestion.LocationSpec;
import dev.backlot.catalog.model.EntityRef;
import dev.backlot.catalog.storage.EntityFilter;
import dev.backlot.catalog.storage.EntityStore;
import dev.backlot.catalog.storage.LocationStore;
import static dev.backlot.catalog.permissions.CatalogPermissions.LOCATION_ANALYZE;
import static dev.backlot.catalog.permissions.CatalogPermissions.LOCATION_CREATE;
import static dev.backlot.catalog.permissions.CatalogPermissions.LOCATION_DELETE;
import static dev.backlot.catalog.permissions.CatalogPermissions.LOCATION_READ;

import dev.backlot.platform.http.Access;
import dev.backlot.platform.http.HttpError;
import dev.backlot.platform.http.Json;
import dev.backlot.platform.http.Request;
import dev.backlot.platform.http.Response;
import dev.backlot.platform.http.Router;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/** Backstage's location routes: list, register (with dry run), analyze, read, delete, by entity, refresh; changes are for admins. */
public final class LocationRoutes {
  private static final Logger LOG = Logger.getLogger(LocationRoutes.class.getName());
  /**
   * The body of {@code POST /analyze-location} is a URL and a file name: 64 KiB is far more than
   * either needs, and bounds the work one analysis does on them.
   */
  public static final int MAX_ANALYZE_BODY_BYTES = 64 * 1024;

  private final LocationStore locations;
  private final LocationRefresh refresh;
  private final LocationProcessor processor;
  private final EntityStore entities;
  private final LocationAnalyzer analyzer;

  public LocationRoutes(LocationStore locations, LocationRefresh refresh, LocationProcessor processor, EntityStore entities) {
    this.locations = locations;
    this.refresh = refresh;
    this.processor = processor;
    this.entities = entities;
    this.analyzer = new LocationAnalyzer(processor);
  }

  public void register(Router router) {
    Access read = Access.SIGNED_IN.permission(LOCATION_READ);
    router.get("/locations", read, request -> locations.list().stream()
        .map(location -> Map.of("data", data(location), "entityRef", generatedRef(location.spec())))
        .toList());
    router.post("/locations", Access.admins().orServices("github").permission(LOCATION_CREATE), this::add);
    router.get("/locations/by-entity/:kind/:namespace/:name", read, this::byEntity);
    router.get("/locations/:id", read, request -> data(locations.get(request.pathParam("id"))
        .orElseThrow(() -> notFound(request.pathParam("id")))));
    router.post("/analyze-location", Access.admins().permission(LOCATION_ANALYZE), MAX_ANALYZE_BODY_BYTES, this::analyze);
    router.post("/locations/by-query", read, this::query);
    // Backstage has no update: pointing a location elsewhere registers a new target.
    router.put("/locations/:id", Access.admins().permission(LOCATION_CREATE),
        request -> Audited.mutation(request, Audited.LOCATION_MUTATE, "update", "location:" + request.pathParam("id"), () -> update(request)));
    router.delete("/locations/:id", Access.admins().orServices("github").permission(LOCATION_DELETE),
        request -> Audited.mutation(request, Audited.LOCATION_MUTATE, "delete", "location:" + request.pathParam("id"), () -> {
          LocationStore.Registered location = locations.get(request.pathParam("id")).orElseThrow(() -> notFound(request.pathParam("id")));
          locations.delete(location.id());
          refresh.forget(location.spec());
          return null;
        }));
  }

  /** Backstage's analysis for "register an existing component". */
  private Map<String, Object> analyze(Request request) throws java.io.IOException {
    JsonNode location = request.json().path("location");
    if (!location.isObject()) {
      throw HttpError.inputError("request/body must have required property 'location'");
    }
    if (!location.path("type").asText("").equals("url") || location.path("target").asText("").isBlank()) {
      throw HttpError.inputError("request/body/location must be {type: 'url', target: <repository or catalog file URL>}");
    }
    String filename = request.json().path("catalogFilename").asText(LocationAnalyzer.DEFAULT_FILENAME);
    LocationAnalyzer.Analysis analysis;
    try {
      analysis = analyzer.analyze(new LocationSpec("url", location.get("target").asText().trim()), filename);
    } catch (IllegalArgumentException e) {
      throw HttpError.inputError("Cannot analyze " + location.get("target").asText() + ": " + e.getMessage());
    }
    boolean registered = locations.find(analysis.catalogFile()).isPresent();
    Map<String, Object> file = Map.of("type", analysis.catalogFile().type(), "target", analysis.catalogFile().target());
    List<Map<String, Object>> existing = analysis.entities().stream()
        .map(entity -> Map.<String, Object>of("location", file, "isRegistered", registered, "entity", entity))
        .toList();
    List<Map<String, Object>> generate = analysis.suggestion() == null ? List.of() : List.of(Map.of(
        "entity", analysis.suggestion(),
        "fields", List.of(ownerField())));
    return Map.of("existingEntityFiles", existing, "generateEntities", generate);
  }

  private static Map<String, Object> ownerField() {
    Map<String, Object> field = new LinkedHashMap<>();
    field.put("field", "spec.owner");
    field.put("state", "needsUserInput");
    field.put("value", null);
    field.put("description", "The group or user that owns this component; no catalog file says so yet.");
    return field;
  }

  private Response add(Request request) throws Exception {
    JsonNode body = request.json();
    String type = body.path("type").asText("");
    String target = body.path("target").asText("");
    if (request.query("dryRun").filter("true"::equals).isPresent()) {
      return register(request, type, target);
    }
    return Audited.mutation(request, Audited.LOCATION_MUTATE, "create", type + ":" + target, () -> register(request, type, target));
  }

  private Response register(Request request, String type, String target) {
    if (!type.equals("url")) {
      throw HttpError.inputError("Registered locations must be of an allowed type [\"url\"]");
    }
    if (target.isBlank()) {
      throw HttpError.inputError("request/body must have required property 'target'");
    }
    LocationSpec spec = new LocationSpec(type, target);
    boolean dryRun = request.query("dryRun").map(v -> v.equals("true")).orElse(false);
    if (dryRun) {
      LocationProcessor.Result result = processor.process(spec);
      if (result.unreadable().isPresent()) {
        LOG.info(() -> "dry run of " + spec.key() + " read nothing: " + String.join("; ", result.messages()));
        throw HttpError.inputError("Location " + result.unreadable().get());
      }
      // Backstage's dry run fails as a registration would: a 400 naming what the rules refuse.
      result.refusal().ifPresent(refusal -> {
        throw HttpError.inputError(refusal);
      });
      Map<String, Object> response = new LinkedHashMap<>();
      response.put("location", Map.of("id", spec.key(), "type", type, "target", target));
      response.put("entities", result.entities());
      response.put("exists", locations.find(spec).isPresent());
      return Response.json(201, response);
    }
    Optional<LocationStore.Registered> added = locations.add(spec);
    if (added.isEmpty() && request.query("onConflict").filter("refresh"::equals).isPresent()) {
      // Backstage's onConflict=refresh: registering again refreshes what is there.
      LocationStore.Registered existing = locations.find(spec).orElseThrow();
      refresh.refresh(spec);
      return Response.json(201, Map.of("location", data(existing), "entities", List.of()));
    }
    LocationStore.Registered registered = added.orElseThrow(() -> HttpError.conflict("Location " + spec.key() + " already exists"));
    refresh.refresh(spec);
    return Response.json(201, Map.of("location", data(registered), "entities", List.of()));
  }

  /** Points a registered location at another target: what the old one gave goes, the new one is read. */
  private Map<String, String> update(Request request) throws java.io.IOException {
    LocationStore.Registered location = locations.get(request.pathParam("id")).orElseThrow(() -> notFound(request.pathParam("id")));
    JsonNode body = request.json();
    if (!body.path("type").asText("url").equals("url") || body.path("target").asText("").isBlank()) {
      throw HttpError.inputError("Registered locations must be of an allowed type [\"url\"] with a target");
    }
    LocationSpec target = new LocationSpec("url", body.get("target").asText());
    if (!locations.update(location.id(), target)) {
      throw HttpError.conflict("Location " + target.key() + " already exists");
    }
    if (!target.equals(location.spec())) {
      refresh.forget(location.spec());
      refresh.refresh(target);
    }
    return data(new LocationStore.Registered(location.id(), target.type(), target.target()));
  }

  /** {@code POST /locations/by-query}: registered locations matching a predicate on id, type and target, paged. */
  private Map<String, Object> query(Request request) throws java.io.IOException {
    JsonNode body = request.body().length == 0 ? Json.MAPPER.createObjectNode() : request.json();
    JsonNode predicate = body.get("query");
    int offset = 0;
    if (body.path("cursor").isTextual()) {
      JsonNode cursor;
      try {
        cursor = Json.MAPPER.readTree(java.util.Base64.getDecoder().decode(body.get("cursor").asText()));
      } catch (IllegalArgumentException | java.io.IOException e) {
        throw HttpError.inputError("Malformed cursor: " + e.getMessage());
      }
      if (cursor == null || !cursor.isObject() || cursor.has("offset") && !(cursor.get("offset").canConvertToInt() && cursor.get("offset").asInt() >= 0)) {
        throw HttpError.inputError("Malformed cursor: offset must be an integer >= 0");
      }
      predicate = cursor.get("query");
      offset = cursor.path("offset").asInt();
    }
    int limit = QueryRoutes.DEFAULT_LIMIT;
    if (body.has("limit")) {
      // Backstage's own check; the upper bound is that of every entity page.
      if (!body.get("limit").canConvertToInt() || body.get("limit").asInt() < 1) {
        throw HttpError.inputError("Limit must be a positive integer >= 1");
      }
      limit = QueryRoutes.bounded(body.get("limit").asInt(), "request/body");
    }
    EntityFilter filter = EntityFilter.fromPredicate(predicate);
    List<Map<String, String>> matching = locations.list().stream().map(LocationRoutes::data)
        .filter(data -> filter.matches(Map.of("id", List.of(data.get("id")), "type", List.of(data.get("type")), "target", List.of(data.get("target")))))
        .toList();
    // Offsets from a cursor may be anything up to Integer.MAX_VALUE: summed as longs, they never wrap.
    int end = (int) Math.min((long) offset + limit, matching.size());
    List<Map<String, String>> page = matching.subList(Math.min(offset, end), end);
    Map<String, Object> pageInfo = new LinkedHashMap<>();
    if (end < matching.size()) {
      Map<String, Object> next = new LinkedHashMap<>();
      next.put("query", predicate);
      next.put("offset", end);
      pageInfo.put("nextCursor", java.util.Base64.getEncoder().encodeToString(Json.bytes(next)));
    }
    return Map.of("items", page, "totalItems", matching.size(), "pageInfo", pageInfo);
  }

  private Map<String, String> byEntity(Request request) {
    String kind = request.pathParam("kind");
    String namespace = request.pathParam("namespace");
    String name = request.pathParam("name");
    ObjectNode entity = entities.byRef(new EntityRef(kind, namespace, name).toString())
        .orElseThrow(() -> HttpError.notFound("No entity named '" + name + "' found, with kind '"
            + kind.toLowerCase(Locale.ROOT) + "' in namespace '" + namespace.toLowerCase(Locale.ROOT) + "'"));
    String origin = entity.at("/metadata/annotations").path(LocationProcessor.MANAGED_BY_ORIGIN_LOCATION).asText("");
    int colon = origin.indexOf(':');
    String type = colon < 0 ? origin : origin.substring(0, colon);
    String target = colon < 0 ? "" : origin.substring(colon + 1);
    return locations.find(new LocationSpec(type, target)).map(LocationRoutes::data)
        .orElseThrow(() -> HttpError.notFound("Found no location with type " + type + " and target " + target));
  }

  private static Map<String, String> data(LocationStore.Registered location) {
    Map<String, String> data = new LinkedHashMap<>();
    data.put("id", location.id());
    data.put("type", location.type());
    data.put("target", location.target());
    return data;
  }

  private static String generatedRef(LocationSpec location) {
    return EntityRef.of(LocationProcessor.generatedLocation(location)).toString();
  }

  private static HttpError notFound(String id) {
    return HttpError.notFound("Found no location with ID " + id);
  }

}
