package dev.backlot.catalog.routes;

import dev.backlot.catalog.storage.EntityFilter;
import dev.backlot.catalog.storage.EntityQuery;
import dev.backlot.platform.http.HttpError;
import dev.backlot.platform.http.Request;
import dev.backlot.platform.http.Router;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /entities/by-query}: cursor paging, one order field, full-text filtering. */
public final class QueryRoutes {
  static final int DEFAULT_LIMIT = 200;

  private final EntityQuery query;

  public QueryRoutes(EntityQuery query) {
    this.query = query;
  }

  public void register(Router router) {
    router.get("/entities/by-query", this::byQuery);
  }

  private Map<String, Object> byQuery(Request request) {
    int limit = EntityRoutes.intParam(request, "limit", DEFAULT_LIMIT);
    EntityFields fields = EntityFields.parse(request.queryAll("fields"));
    QueryCursor cursor = request.query("cursor").map(QueryCursor::decode).orElseGet(() -> firstQuery(request));
    EntityFilter filter = EntityFilter.parse(cursor.filters());
    EntityQuery.FullText text = cursor.term() == null ? null : new EntityQuery.FullText(cursor.term(), cursor.textFields());
    EntityQuery.Sort sort = cursor.orderField() == null ? null : new EntityQuery.Sort(cursor.orderField(), cursor.ascending());
    long total = request.query("cursor").isPresent() ? cursor.totalItems() : query.count(filter, text);

    Map<String, Object> response = new LinkedHashMap<>();
    Map<String, String> pageInfo = new LinkedHashMap<>();
    if (limit == 0) {
      response.put("items", List.of());
      response.put("totalItems", total);
      response.put("pageInfo", pageInfo);
      return response;
    }
    EntityQuery.Position position = cursor.orderFieldValues().isEmpty() ? null
        : new EntityQuery.Position(cursor.orderFieldValues().get(0), cursor.orderFieldValues().get(1), cursor.isPrevious());
    EntityQuery.Page page = query.page(filter, text, sort, position, limit);
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

  /** The query of a first request, from its parameters. */
  private static QueryCursor firstQuery(Request request) {
    String orderField = null;
    boolean ascending = true;
    List<String> orders = request.queryAll("orderField");
    if (!orders.isEmpty()) {
      String[] parts = orders.get(0).split(",", 2);
      orderField = parts[0].trim();
      String order = parts.length == 2 ? parts[1].trim() : "asc";
      if (!order.equals("asc") && !order.equals("desc")) {
        throw HttpError.inputError("Invalid order field order, must be asc or desc");
      }
      ascending = order.equals("asc");
    }
    String term = request.query("fullTextFilterTerm").filter(t -> !t.isBlank()).orElse(null);
    List<String> textFields = new ArrayList<>();
    request.queryAll("fullTextFilterFields").forEach(v -> List.of(v.split(",")).forEach(f -> {
      if (!f.isBlank()) {
        textFields.add(f.trim());
      }
    }));
    if (textFields.isEmpty()) {
      // Backstage: the sort field, or failing that the uid.
      textFields.add(orderField != null ? orderField : "metadata.uid");
    }
    return new QueryCursor(request.queryAll("filter"), orderField, ascending, term, textFields, false, List.of(), List.of(), 0);
  }
}
