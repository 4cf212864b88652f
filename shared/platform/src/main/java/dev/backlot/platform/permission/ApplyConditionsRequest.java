package dev.backlot.platform.permission;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlot.platform.http.HttpError;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Backstage's {@code POST /.well-known/backstage/permissions/apply-conditions}, as {@code
 * permission-node}'s {@code createPermissionIntegrationRouter} serves it: the permission backend
 * sends {@code {items: [{id, resourceRef, resourceType, conditions}]}} for CONDITIONAL decisions on
 * one resource each, and the plugin owning the resource type answers {@code {items: [{id, result:
 * ALLOW|DENY}]}} in the same order. A resource the plugin does not have is DENY (so the answer does
 * not tell a missing resource from a hidden one); a resource type it does not own is a 400 ({@code
 * Unexpected resource types: x.}), as in Backstage.
 */
public record ApplyConditionsRequest(List<Item> items) {
  public static final String PATH = "/.well-known/backstage/permissions/apply-conditions";
  /** Items in one batch at most: the permission function's own batch limit, so its batches always fit. */
  public static final int MAX_ITEMS = 500;
  /** The longest id, resource ref or resource type. */
  public static final int MAX_TEXT = 1024;

  /** One resource and the conditions to apply to it. */
  public record Item(String id, String resourceRef, String resourceType, PermissionCriteria conditions) {}

  /** Reads a request body; whatever is wrong is a 400 naming the field ({@code items[2].conditions}). */
  public static ApplyConditionsRequest parse(JsonNode body, Set<String> resourceTypes) {
    JsonNode items = body == null ? null : body.get("items");
    if (items == null || !items.isArray()) {
      throw HttpError.inputError("request/body must have required property 'items', an array");
    }
    if (items.size() > MAX_ITEMS) {
      throw HttpError.inputError("request/body/items must NOT have more than " + MAX_ITEMS + " items");
    }
    List<Item> parsed = new ArrayList<>(items.size());
    Set<String> ids = new HashSet<>();
    List<String> unexpected = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      String at = "items[" + i + "]";
      if (!item.isObject()) {
        throw HttpError.inputError(at + " must be an object");
      }
      String id = text(item, at, "id");
      if (!ids.add(id)) {
        throw HttpError.inputError(at + ".id '" + id + "' is not unique in the batch");
      }
      String resourceType = text(item, at, "resourceType");
      if (!resourceTypes.contains(resourceType)) {
        unexpected.add(resourceType);
      }
      PermissionCriteria conditions;
      try {
        conditions = PermissionCriteria.read(item.get("conditions"));
      } catch (IllegalArgumentException e) {
        throw HttpError.inputError(at + ".conditions: " + e.getMessage());
      }
      parsed.add(new Item(id, text(item, at, "resourceRef"), resourceType, conditions));
    }
    if (!unexpected.isEmpty()) {
      throw HttpError.inputError("Unexpected resource types: " + String.join(", ", unexpected) + ".");
    }
    return new ApplyConditionsRequest(List.copyOf(parsed));
  }

  /** The answer, {@code allowed} telling each item's result. */
  public Map<String, Object> answer(Predicate<Item> allowed) {
    List<Map<String, Object>> results = new ArrayList<>(items.size());
    for (Item item : items) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("id", item.id());
      result.put("result", allowed.test(item) ? "ALLOW" : "DENY");
      results.add(result);
    }
    return Map.of("items", results);
  }

  private static String text(JsonNode item, String at, String field) {
    JsonNode value = item.get(field);
    if (value == null || !value.isTextual() || value.asText().isEmpty()) {
      throw HttpError.inputError(at + "." + field + " must be a non-empty string");
    }
    if (value.asText().length() > MAX_TEXT) {
      throw HttpError.inputError(at + "." + field + " is longer than " + MAX_TEXT + " characters");
    }
    return value.asText();
  }
}
