package dev.backlot.catalog.routes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlot.catalog.storage.EntityFilter;
import dev.backlot.platform.http.HttpError;
import dev.backlot.platform.http.Json;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The opaque cursor of {@code /entities/by-query}, base64 JSON in Backstage's layout: the query
 * it continues (filter as a predicate, order field, full-text term), whether it pages backwards, the
 * (sort value, internal id) it resumes from, the first item of the whole result and the total count.
 */
record QueryCursor(
    JsonNode query,
    String orderField,
    boolean ascending,
    String term,
    List<String> textFields,
    boolean isPrevious,
    List<String> orderFieldValues,
    List<String> firstSortFieldValues,
    long totalItems) {

  /** This query resumed from (sort value, internal id), forwards or backwards. */
  QueryCursor with(boolean previous, String value, String id, List<String> first, long total) {
    List<String> resume = new ArrayList<>();
    resume.add(value);
    resume.add(id);
    return new QueryCursor(query, orderField, ascending, term, textFields, previous, resume, first, total);
  }

  String encode() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("orderFields", orderField == null ? List.of() : List.of(Map.of("field", orderField, "order", ascending ? "asc" : "desc")));
    json.put("isPrevious", isPrevious);
    json.put("query", query);
    Map<String, Object> text = new LinkedHashMap<>();
    text.put("term", term);
    text.put("fields", textFields);
    json.put("fullTextFilter", text);
    json.put("orderFieldValues", orderFieldValues);
    json.put("firstSortFieldValues", firstSortFieldValues);
    json.put("totalItems", totalItems);
    return Base64.getEncoder().encodeToString(Json.bytes(json));
  }

  static QueryCursor decode(String value) {
    JsonNode json;
    try {
      json = Json.MAPPER.readTree(Base64.getDecoder().decode(value));
    } catch (Exception e) {
      throw HttpError.inputError("Malformed cursor: " + e.getMessage());
    }
    if (json == null || !json.isObject() || !json.path("orderFieldValues").isArray() || json.path("orderFieldValues").size() != 2) {
      throw HttpError.inputError("Malformed cursor: not a by-query cursor");
    }
    JsonNode order = json.path("orderFields").path(0);
    List<String> textFields = strings(json.path("fullTextFilter").path("fields"));
    if (textFields.size() > QueryRoutes.MAX_TEXT_FIELDS) {
      throw HttpError.inputError("Malformed cursor: more than " + QueryRoutes.MAX_TEXT_FIELDS + " full-text fields");
    }
    return new QueryCursor(
        json.has("query") ? json.get("query") : EntityFilter.parse(strings(json.path("filter"))).toPredicate(),
        order.isMissingNode() ? null : order.path("field").asText(),
        !order.path("order").asText("asc").equals("desc"),
        json.path("fullTextFilter").path("term").isTextual() ? json.path("fullTextFilter").path("term").asText() : null,
        textFields,
        json.path("isPrevious").asBoolean(false),
        strings(json.path("orderFieldValues")),
        strings(json.path("firstSortFieldValues")),
        json.path("totalItems").asLong(0));
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(item -> values.add(item.isNull() ? null : item.asText()));
    return values;
  }
}
