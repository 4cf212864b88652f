package dev.backlot.catalog.client;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request of {@link CatalogClient#queryEntities}: a first page of the entities {@code filter}
 * selects, or the page a cursor of an earlier answer points to (the filter travels in the cursor).
 *
 * @param filter what to select, on a first page; null selects every entity
 * @param fields the only fields to return ({@code metadata.name}, ...); empty returns whole entities
 * @param limit entities a page, at most; null leaves it to the catalog (200)
 * @param cursor an earlier answer's {@code nextCursor} or {@code prevCursor}
 */
public record QueryEntitiesRequest(EntityFilterQuery filter, List<String> fields, Integer limit, String cursor) {
  public QueryEntitiesRequest {
    fields = fields == null ? List.of() : List.copyOf(fields);
  }

  public static QueryEntitiesRequest where(EntityFilterQuery filter) {
    return new QueryEntitiesRequest(filter, List.of(), null, null);
  }

  public QueryEntitiesRequest fields(String... fields) {
    return new QueryEntitiesRequest(filter, List.of(fields), limit, cursor);
  }

  public QueryEntitiesRequest limit(int limit) {
    return new QueryEntitiesRequest(filter, fields, limit, cursor);
  }

  /** The same fields and limit, for the page {@code cursor} points to. */
  public QueryEntitiesRequest continuing(String cursor) {
    return new QueryEntitiesRequest(filter, fields, limit, cursor);
  }

  /** The body of {@code POST /entities/by-query}: the filter as a predicate, never as filter syntax. */
  Map<String, Object> body() {
    Map<String, Object> body = new LinkedHashMap<>();
    if (cursor != null) {
      body.put("cursor", cursor);
    } else if (filter != null) {
      body.put("query", filter.predicate());
    }
    if (!fields.isEmpty()) {
      body.put("fields", fields);
    }
    if (limit != null) {
      body.put("limit", limit);
    }
    return body;
  }
}
