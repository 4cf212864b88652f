package dev.backlot.catalog.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.platform.Plugin;
import dev.backlot.platform.auth.Identity;
import dev.backlot.platform.auth.ServiceTokens;
import dev.backlot.platform.discovery.Discovery;
import dev.backlot.platform.http.Json;
import dev.backlot.platform.http.Request;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The catalog's API as Backstage's {@code @backstage/catalog-client} offers it to other plugins:
 * the catalog is found through {@link Discovery}, every call carries the caller's service token,
 * and an error answer becomes a {@link CatalogClientException} with the catalog's status, error
 * name and message. Where the TypeScript client answers {@code undefined} for a 404, this one
 * answers an empty {@link Optional}.
 */
public final class CatalogClient {
  /** Pages {@link #queryAllEntities} follows at most: a catalog that kept answering with cursors would otherwise never end. */
  static final int MAX_PAGES = 10_000;

  private final CatalogCalls calls;

  private CatalogClient(CatalogCalls calls) {
    this.calls = calls;
  }

  /** The client of {@code plugin}: its discovery and its own service credentials. */
  public static CatalogClient forPlugin(Plugin plugin) {
    return create(plugin.discovery(), plugin.serviceTokens());
  }

  public static CatalogClient create(Discovery discovery, ServiceTokens credentials) {
    return new CatalogClient(new CatalogCalls(discovery, credentials));
  }

  /**
   * This client calling on behalf of the person (or script) whose {@code Authorization} value is
   * {@code authorization} ({@code Request.callerAuthorization()}): its own service token, theirs
   * forwarded in {@code X-Forwarded-Authorization}, so the catalog answers what they may read, its
   * conditional reads applied in its SQL, as Backstage's clients pass a user's token.
   */
  public CatalogClient onBehalfOf(String authorization) {
    return new CatalogClient(calls.onBehalfOf(authorization));
  }

  /**
   * This client calling on behalf of {@code person} without their token (Backstage's {@code
   * onBehalfOf}): its own service token, the person's ref and ownership refs named
   * ({@code OnBehalfOf}), so the catalog decides as for them: what a task's initiator may do,
   * long after their token expired. The catalog accepts it only from the services
   * {@code backend.auth.onBehalfOf} names.
   */
  public CatalogClient onBehalfOf(Identity person) {
    return new CatalogClient(calls.onBehalfOf(person));
  }

  /**
   * This client reading as {@code request}'s caller, so the catalog's read policies decide what it
   * shows them: a person's or static token's own token goes along; a person a service named without
   * their token ({@code X-Backlot-On-Behalf-Of}) is named on, which the catalog accepts only if it
   * trusts this plugin to vouch; a service's own request reads as this plugin.
   */
  public CatalogClient asCallerOf(Request request) {
    Identity caller = request.identity();
    if (caller.actingService() != null) {
      return onBehalfOf(caller);
    }
    return caller.kind() == Identity.Kind.SERVICE ? this : onBehalfOf(request.callerAuthorization());
  }

  /** A registered location; its ref is {@code type:target}. */
  public record Location(String id, String type, String target) {
    public String ref() {
      return type + ":" + target;
    }
  }

  /** What {@link #addLocation} did: the location, and in a dry run the entities it holds and whether it exists. */
  public record AddLocationResponse(Location location, List<ObjectNode> entities, Optional<Boolean> exists) {}

  /** A page of {@link #queryEntities}, with the cursors of the pages around it. */
  public record QueryEntitiesResponse(List<ObjectNode> items, long totalItems, Optional<String> nextCursor, Optional<String> prevCursor) {}

  /** How many entities have {@code value} in a facet's field. */
  public record FacetCount(String value, long count) {}

  /** One problem {@link #validateEntity} found. */
  public record SerializedError(String name, String message) {}

  public record ValidateEntityResponse(boolean valid, List<SerializedError> errors) {}

  /** What the catalog did with a provider's mutation; {@code conflicts} name entities another location owns. */
  public record MutationResult(int added, int updated, int unchanged, int removed, List<String> conflicts) {}

  /** {@code GET /entities}: every entity {@code filter} selects (null: all), with only {@code fields} when any are named. */
  public List<ObjectNode> getEntities(EntityFilterQuery filter, List<String> fields) throws IOException {
    return entities(calls.expect(200, "GET", "/entities" + query(filter, fields), null));
  }

  /** {@code GET /entities} paged by {@code limit} and {@code offset}. */
  public List<ObjectNode> getEntities(EntityFilterQuery filter, List<String> fields, int limit, int offset) throws IOException {
    return entities(calls.expect(200, "GET", "/entities" + query(filter, fields, "limit=" + limit, "offset=" + offset), null));
  }

  /** {@code POST /entities/by-refs}: the entity of each ref, in order; empty where the catalog has none. */
  public List<Optional<ObjectNode>> getEntitiesByRefs(List<String> entityRefs, List<String> fields) throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("entityRefs", entityRefs);
    if (!fields.isEmpty()) {
      body.put("fields", fields);
    }
    List<Optional<ObjectNode>> items = new ArrayList<>();
    for (JsonNode item : calls.expect(200, "POST", "/entities/by-refs", body).path("items")) {
      items.add(item instanceof ObjectNode entity ? Optional.of(entity) : Optional.empty());
    }
    return items;
  }

  /** {@code POST /entities/by-query}: one page, the filter sent as a JSON predicate. */
  public QueryEntitiesResponse queryEntities(QueryEntitiesRequest request) throws IOException {
    JsonNode answer = calls.expect(200, "POST", "/entities/by-query", request.body());
    JsonNode pageInfo = answer.path("pageInfo");
    return new QueryEntitiesResponse(entities(answer.path("items")), answer.path("totalItems").asLong(),
        text(pageInfo.path("nextCursor")), text(pageInfo.path("prevCursor")));
  }

  /** Every entity of {@link #queryEntities}, following {@code nextCursor} from the first page to the last. */
  public List<ObjectNode> queryAllEntities(QueryEntitiesRequest request) throws IOException {
    List<ObjectNode> entities = new ArrayList<>();
    QueryEntitiesResponse page = queryEntities(request);
    for (int pages = 1; ; pages++) {
      entities.addAll(page.items());
      if (page.nextCursor().isEmpty()) {
        return entities;
      }
      if (pages >= MAX_PAGES) {
        throw new IOException("the catalog answered more than " + MAX_PAGES + " pages; stopped following its cursors");
      }
      page = queryEntities(request.continuing(page.nextCursor().get()));
    }
  }

  /** {@code GET /entities/by-name/:kind/:namespace/:name} of {@code kind:namespace/name} (namespace {@code default} if left out). */
  public Optional<ObjectNode> getEntityByRef(String entityRef) throws IOException {
    HttpResponse<byte[]> response = calls.send("GET", "/entities/by-name/" + refPath(entityRef), null);
    return optional(response, "GET", "/entities/by-name").map(ObjectNode.class::cast);
  }

  /** {@code POST /entity-facets}: per facet field, how many of the selected entities have each value. */
  public Map<String, List<FacetCount>> getEntityFacets(List<String> facets, EntityFilterQuery filter) throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("facets", facets);
    if (filter != null) {
      body.put("query", filter.predicate());
    }
    Map<String, List<FacetCount>> counts = new LinkedHashMap<>();
    calls.expect(200, "POST", "/entity-facets", body).path("facets").fields().forEachRemaining(facet -> {
      List<FacetCount> values = new ArrayList<>();
      facet.getValue().forEach(value -> values.add(new FacetCount(value.path("value").asText(), value.path("count").asLong())));
      counts.put(facet.getKey(), List.copyOf(values));
    });
    return counts;
  }

  /** {@code GET /locations}: every registered location. */
  public List<Location> getLocations() throws IOException {
    List<Location> locations = new ArrayList<>();
    for (JsonNode item : calls.expect(200, "GET", "/locations", null)) {
      locations.add(location(item.path("data")));
    }
    return locations;
  }

  public Optional<Location> getLocationById(String id) throws IOException {
    return optional(calls.send("GET", "/locations/" + CatalogCalls.segment(id), null), "GET", "/locations/:id").map(CatalogClient::location);
  }

  /** The registered location whose ref ({@code type:target}) is {@code locationRef}. */
  public Optional<Location> getLocationByRef(String locationRef) throws IOException {
    return getLocations().stream().filter(location -> location.ref().equals(locationRef)).findFirst();
  }

  /** The registered location entity {@code entityRef} came from. */
  public Optional<Location> getLocationByEntity(String entityRef) throws IOException {
    HttpResponse<byte[]> response = calls.send("GET", "/locations/by-entity/" + refPath(entityRef), null);
    return optional(response, "GET", "/locations/by-entity").map(CatalogClient::location);
  }

  /**
   * {@code POST /locations}: registers {@code type:target} and reads it (with {@code dryRun}, only
   * reads it). A location registered already is a {@link CatalogClientException} 409 {@code ConflictError}.
   */
  public AddLocationResponse addLocation(String type, String target, boolean dryRun) throws IOException {
    JsonNode answer = calls.expect(201, "POST", "/locations" + (dryRun ? "?dryRun=true" : ""), Map.of("type", type, "target", target));
    JsonNode exists = answer.path("exists");
    return new AddLocationResponse(location(answer.path("location")), entities(answer.path("entities")),
        exists.isBoolean() ? Optional.of(exists.asBoolean()) : Optional.empty());
  }

  /** {@code DELETE /locations/:id}; one already gone is a {@link CatalogClientException} 404. */
  public void removeLocationById(String id) throws IOException {
    HttpResponse<byte[]> response = calls.send("DELETE", "/locations/" + CatalogCalls.segment(id), null);
    if (response.statusCode() / 100 != 2) {
      throw CatalogCalls.error("DELETE", "/locations/:id", response);
    }
  }

  /** {@code POST /refresh}: reads again, now, the location {@code entityRef} came from. */
  public void refreshEntity(String entityRef) throws IOException {
    calls.expect(200, "POST", "/refresh", Map.of("entityRef", entityRef));
  }

  /** {@code POST /validate-entity}: whether the catalog would accept {@code entity} from {@code locationRef}, and why not. */
  public ValidateEntityResponse validateEntity(ObjectNode entity, String locationRef) throws IOException {
    HttpResponse<byte[]> response = calls.send("POST", "/validate-entity", Map.of("entity", entity, "location", locationRef));
    if (response.statusCode() / 100 == 2) {
      return new ValidateEntityResponse(true, List.of());
    }
    if (response.statusCode() != 400) {
      throw CatalogCalls.error("POST", "/validate-entity", response);
    }
    List<SerializedError> errors = new ArrayList<>();
    CatalogCalls.body(response).path("errors")
        .forEach(error -> errors.add(new SerializedError(error.path("name").asText(), error.path("message").asText())));
    return new ValidateEntityResponse(false, List.copyOf(errors));
  }

  /** Backlot's {@code POST /providers/:provider/mutations}: applies {@code mutation} as entity provider {@code provider}. */
  public MutationResult applyProviderMutation(String provider, EntityProviderMutation mutation) throws IOException {
    JsonNode answer = calls.expect(200, "POST", "/providers/" + CatalogCalls.segment(provider) + "/mutations", mutation.body());
    return Json.MAPPER.treeToValue(answer, MutationResult.class);
  }

  /** The query string of {@code GET /entities}: Backstage's filter parameters, fields, and paging if any. */
  private static String query(EntityFilterQuery filter, List<String> fields, String... paging) {
    List<String> parameters = new ArrayList<>();
    if (filter != null) {
      filter.parameters().forEach(parameter -> parameters.add("filter=" + CatalogCalls.encode(parameter)));
    }
    if (!fields.isEmpty()) {
      parameters.add("fields=" + CatalogCalls.encode(String.join(",", fields)));
    }
    parameters.addAll(List.of(paging));
    return parameters.isEmpty() ? "" : "?" + String.join("&", parameters);
  }

  /** {@code kind/namespace/name} of Backstage's {@code kind:namespace/name} ref, each part percent-encoded. */
  static String refPath(String entityRef) {
    int colon = entityRef.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("Entity ref '" + entityRef + "' has no kind: expected kind:namespace/name");
    }
    String rest = entityRef.substring(colon + 1);
    int slash = rest.indexOf('/');
    String namespace = slash < 0 ? "default" : rest.substring(0, slash);
    String name = slash < 0 ? rest : rest.substring(slash + 1);
    if (namespace.isEmpty() || name.isEmpty() || name.contains("/") || name.contains(":") || namespace.contains(":")) {
      throw new IllegalArgumentException("Entity ref '" + entityRef + "' is not of the form kind:namespace/name");
    }
    return CatalogCalls.segment(entityRef.substring(0, colon)) + "/" + CatalogCalls.segment(namespace) + "/" + CatalogCalls.segment(name);
  }

  /** The answer's body, empty for a 404, an exception for anything else but a 200. */
  private static Optional<JsonNode> optional(HttpResponse<byte[]> response, String method, String path) throws IOException {
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    if (response.statusCode() != 200) {
      throw CatalogCalls.error(method, path, response);
    }
    return Optional.of(CatalogCalls.body(response));
  }

  private static List<ObjectNode> entities(JsonNode array) {
    List<ObjectNode> entities = new ArrayList<>();
    array.forEach(entity -> {
      if (entity instanceof ObjectNode object) {
        entities.add(object);
      }
    });
    return entities;
  }

  private static Location location(JsonNode data) {
    return new Location(data.path("id").asText(), data.path("type").asText(), data.path("target").asText());
  }

  private static Optional<String> text(JsonNode node) {
    return node.isTextual() ? Optional.of(node.asText()) : Optional.empty();
  }
}
