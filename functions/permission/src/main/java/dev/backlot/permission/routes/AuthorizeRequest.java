package dev.backlot.permission.routes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlot.permission.rbac.PermissionQuery;
import dev.backlot.platform.http.HttpError;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Backstage's {@code POST /authorize} body, checked as permission-backend's schema checks it:
 * {@code {items: [{id, permission: {type: basic|resource, name, attributes: {action?},
 * resourceType?}, resourceRef?}]}}, at most {@link #MAX_ITEMS} items with distinct ids.
 */
record AuthorizeRequest(List<Item> items) {
  /** The most requests one batch may carry. */
  static final int MAX_ITEMS = 500;
  /** The longest id, name, resource type or resource ref taken. */
  static final int MAX_TEXT = 1024;

  private static final Set<String> ACTIONS = Set.of("create", "read", "update", "delete");

  record Item(String id, PermissionQuery query, Optional<String> resourceRef) {}

  static AuthorizeRequest parse(JsonNode body) {
    JsonNode items = body.path("items");
    if (!body.isObject() || !items.isArray()) {
      throw HttpError.inputError("Invalid request body: 'items' must be an array of permission requests");
    }
    if (items.size() > MAX_ITEMS) {
      throw HttpError.inputError("Invalid request body: 'items' holds " + items.size() + " requests, at most " + MAX_ITEMS + " are allowed");
    }
    List<Item> parsed = new ArrayList<>(items.size());
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < items.size(); i++) {
      Item item = item(items.get(i), "items[" + i + "]");
      if (!ids.add(item.id())) {
        throw HttpError.inputError("Invalid request body: 'items[" + i + "].id' repeats id '" + item.id() + "'");
      }
      parsed.add(item);
    }
    return new AuthorizeRequest(parsed);
  }

  private static Item item(JsonNode item, String where) {
    if (!item.isObject()) {
      throw HttpError.inputError("Invalid request body: '" + where + "' must be an object");
    }
    String id = text(item, "id", where);
    JsonNode permission = item.path("permission");
    if (!permission.isObject()) {
      throw HttpError.inputError("Invalid request body: '" + where + ".permission' must be an object");
    }
    String type = text(permission, "type", where + ".permission");
    String name = text(permission, "name", where + ".permission");
    JsonNode attributes = permission.path("attributes");
    if (!attributes.isObject()) {
      throw HttpError.inputError("Invalid request body: '" + where + ".permission.attributes' must be an object");
    }
    String action = null;
    if (attributes.has("action") && !attributes.get("action").isNull()) {
      action = attributes.get("action").asText();
      if (!attributes.get("action").isTextual() || !ACTIONS.contains(action)) {
        throw HttpError.inputError("Invalid request body: '" + where + ".permission.attributes.action' must be one of create, read, update, delete");
      }
    }
    Optional<String> resourceRef = Optional.empty();
    if (item.has("resourceRef") && !item.get("resourceRef").isNull()) {
      resourceRef = Optional.of(text(item, "resourceRef", where));
    }
    return switch (type) {
      case "basic" -> {
        if (resourceRef.isPresent()) {
          throw HttpError.inputError("Invalid request body: '" + where + ".resourceRef' is for resource permissions only");
        }
        yield new Item(id, PermissionQuery.basic(name, action), resourceRef);
      }
      case "resource" -> new Item(id, PermissionQuery.resource(name, text(permission, "resourceType", where + ".permission"), action),
          resourceRef);
      default -> throw HttpError.inputError("Invalid request body: '" + where + ".permission.type' must be 'basic' or 'resource'");
    };
  }

  private static String text(JsonNode node, String field, String where) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual() || value.asText().isEmpty()) {
      throw HttpError.inputError("Invalid request body: '" + where + "." + field + "' must be a non-empty string");
    }
    if (value.asText().length() > MAX_TEXT) {
      throw HttpError.inputError("Invalid request body: '" + where + "." + field + "' is longer than " + MAX_TEXT + " characters");
    }
    return value.asText();
  }
}
