package dev.backlot.catalog.routes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlot.catalog.storage.EntityFilter;
import dev.backlot.catalog.storage.EntityQuery;
import dev.backlot.catalog.storage.QueryPlan;
import dev.backlot.catalog.permissions.CatalogPermissions;
import dev.backlot.catalog.permissions.ReadableEntities;
import dev.backlot.platform.http.Access;
import dev.backlot.platform.http.HttpError;
import dev.backlot.platform.http.Request;
import dev.backlot.platform.http.Router;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /entities/by-query} (Backstage's {@code filter} parameters) and {@code POST
 * /entities/by-query} (a predicate body): cursor paging, one order field, full-text filtering.
 * Cursors carry the query as a predicate, so either route continues the other's pages.
 */
public final class QueryRoutes {
  static final int DEFAULT_LIMIT = 200;
  /** Full-text fields per query; Backstage's UI sends three or four. */
  static final int MAX_TEXT_FIELDS = 20;

  private final EntityQuery query;

  public QueryRoutes(EntityQuery query) {
    this.query = query;
  }

  public void register(Router router) {
    router.get("/entities/by-query", Access.SIGNED_IN.permission(CatalogPermissions.ENTITY_READ), this::byQuery);
    router.post("/entities/by-query", Access.SIGNED_IN.permission(CatalogPermissions.ENTITY_READ), this::byPredicate);
  }

  private Map<String, Object> byQuery(Request request) {
    int limit = bounded(EntityRoutes.intParam(request, "limit", DEFAULT_LIMIT), "request/query");
    int offset = EntityRoutes.intParam(request, "offset", 0);
    EntityFields fields = EntityFields.parse(request.queryAll("fields"));
    if (request.query("cursor").isPresent()) {
      return page(QueryCursor.decode(request.query("cursor").get()), true, limit, 0, fields, ReadableEntities.of(request));
    }
    checkFirstRead(offset, limit, "request/query");
    List<String> textFields = new ArrayList<>();
    request.queryAll("fullTextFilterFields").forEach(v -> textFields.addAll(List.of(v.split(","))));
    checkTextFieldCount(textFields, "request/query/fullTextFilterFields");
    List<String> orders = request.queryAll("orderField");
    String[] order = orders.isEmpty() ? null : orders.get(0).split(",", 2);
    return page(firstQuery(EntityFilter.parse(request.queryAll("filter")), order == null ? null : order[0],
        order == null || order.length < 2 ? "asc" : order[1], request.query("fullTextFilterTerm").orElse(null), textFields), false, limit,
        offset, fields, ReadableEntities.of(request));
  }

  private Map<String, Object> byPredicate(Request request) throws IOException {
    JsonNode body = request.json();
    if (!body.isObject()) {
      throw HttpError.inputError("request/body must be object");
    }
    int limit = DEFAULT_LIMIT;
    if (body.has("limit")) {
      if (!body.get("limit").canConvertToInt() || body.get("limit").asInt() < 0) {
        throw HttpError.inputError("request/body/limit must be integer >= 0");
      }
      limit = bounded(body.get("limit").asInt(), "request/body");
    }
    int offset = 0;
    if (body.has("offset")) {
      if (!body.get("offset").canConvertToInt() || body.get("offset").asInt() < 0) {
        throw HttpError.inputError("request/body/offset must be integer >= 0");
      }
      offset = body.get("offset").asInt();
    }
    List<String> fieldPaths = new ArrayList<>();
    body.path("fields").forEach(f -> fieldPaths.add(f.asText()));
    EntityFields fields = EntityFields.parse(fieldPaths);
    if (body.path("cursor").isTextual()) {
      return page(QueryCursor.decode(body.get("cursor").asText()), true, limit, 0, fields, ReadableEntities.of(request));
    }
    checkFirstRead(offset, limit, "request/body");
    JsonNode orderBy = body.path("orderBy").isArray() ? body.path("orderBy").path(0) : body.path("orderBy");
    List<String> textFields = new ArrayList<>();
    body.path("fullTextFilter").path("fields").forEach(f -> textFields.add(f.asText()));
    checkTextFieldCount(textFields, "request/body/fullTextFilter/fields");
    return page(firstQuery(EntityFilter.fromPredicate(body.get("query")),
        orderBy.path("field").isTextual() ? orderBy.get("field").asText() : null, orderBy.path("order").asText("asc"),
        body.path("fullTextFilter").path("term").isTextual() ? body.path("fullTextFilter").path("term").asText() : null, textFields), false, limit,
        offset, fields, ReadableEntities.of(request));
  }

  /** {@code limit}, if it is at most {@link EntityRoutes#MAX_LIMIT}, the largest page any entity route answers. */
  static int bounded(int limit, String where) {
    if (limit > EntityRoutes.MAX_LIMIT) {
      throw HttpError.inputError(where + "/limit must be <= " + EntityRoutes.MAX_LIMIT);
    }
    return limit;
  }

  /** A first page reads the {@code offset} entities it skips too: together no more than a page may hold. */
  private static void checkFirstRead(int offset, int limit, String where) {
    if ((long) offset + limit > EntityRoutes.MAX_LIMIT) {
      throw HttpError.inputError(where + "/offset plus limit must be <= " + EntityRoutes.MAX_LIMIT
          + " (a first page reads that many entities); page on with the cursor");
    }
  }

  private static void checkTextFieldCount(List<String> textFields, String where) {
    if (textFields.size() > MAX_TEXT_FIELDS) {
      throw HttpError.inputError(where + " must NOT have more than " + MAX_TEXT_FIELDS + " items");
    }
  }

  /**
   * A page of {@code cursor}'s query. A first request may skip {@code offset} matches, as
   * Backstage's does; its pages go on by cursor from there, and like any first page it announces
   * no previous one. The query is the caller's, from the request or the cursor, and what they may
   * read is added to it here, on every page: a cursor carries no permission, so one handed to
   * someone else pages through what that person may read.
   */
  private Map<String, Object> page(QueryCursor cursor, boolean continued, int limit, int offset, EntityFields fields, EntityFilter readable) {
    QueryPlan plan = QueryPlan.of(EntityFilter.fromPredicate(cursor.query()).and(readable),
        cursor.term() == null ? null : new EntityQuery.FullText(cursor.term(), cursor.textFields()),
        cursor.orderField() == null ? null : new EntityQuery.Sort(cursor.orderField(), cursor.ascending()));
    Map<String, Object> response = new LinkedHashMap<>();
    Map<String, String> pageInfo = new LinkedHashMap<>();
    if (limit == 0) {
      response.put("items", List.of());
      response.put("totalItems", continued ? cursor.totalItems() : query.count(plan));
      response.put("pageInfo", pageInfo);
      return response;
    }
    EntityQuery.Position position = cursor.orderFieldValues().isEmpty() ? null
        : new EntityQuery.Position(cursor.orderFieldValues().get(0), cursor.orderFieldValues().get(1), cursor.isPrevious());
    // A continued query carries its total; a first one counts while its page is read.
    EntityQuery.Page page;
    long total;
    if (continued) {
      page = query.page(plan, position, limit);
      total = cursor.totalItems();
    } else {
      EntityQuery.Counted counted = query.pageAndCount(plan, offset + limit);
      page = counted.page().from(offset);
      total = counted.total();
    }
    int size = page.items().size();
    List<String> first = cursor.firstSortFieldValues().isEmpty() && size > 0
        ? Arrays.asList(page.values().get(0), page.ids().get(0)) : cursor.firstSortFieldValues();
    if (size > 0) {
      boolean moreAfter = cursor.isPrevious() || page.more();
      boolean moreBefore = cursor.isPrevious() ? page.more()
          : position != null && !Arrays.asList(page.values().get(0), page.ids().get(0)).equals(first);
      if (moreAfter) {
        pageInfo.put("nextCursor", cursor.with(false, page.values().get(size - 1), page.ids().get(size - 1), first, total).encode());
      }
      if (moreBefore) {
        pageInfo.put("prevCursor", cursor.with(true, page.values().get(0), page.ids().get(0), first, total).encode());
      }
    }
    response.put("items", page.items().stream().map(fields::apply).toList());
    response.put("totalItems", total);
    response.put("pageInfo", pageInfo);
    return response;
  }

  /** The query of a first request. */
  private static QueryCursor firstQuery(EntityFilter filter, String orderField, String order, String term, List<String> fields) {
    String direction = order.trim();
    if (!direction.equals("asc") && !direction.equals("desc")) {
      throw HttpError.inputError("Invalid order field order, must be asc or desc");
    }
    List<String> textFields = new ArrayList<>(fields.stream().map(String::trim).filter(f -> !f.isBlank()).toList());
    String field = orderField == null ? null : orderField.trim();
    if (textFields.isEmpty()) {
      // Backstage: the sort field, or failing that the uid.
      textFields.add(field != null ? field : "metadata.uid");
    }
    String normalizedTerm = term == null || term.isBlank() ? null : term;
    return new QueryCursor(filter.toPredicate(), field, direction.equals("asc"), normalizedTerm, textFields, false, List.of(), List.of(), 0);
  }
}
