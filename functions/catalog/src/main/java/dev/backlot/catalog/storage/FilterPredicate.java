package dev.backlot.catalog.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.catalog.storage.EntityFilter.All;
import dev.backlot.catalog.storage.EntityFilter.Any;
import dev.backlot.catalog.storage.EntityFilter.Field;
import dev.backlot.catalog.storage.EntityFilter.Node;
import dev.backlot.catalog.storage.EntityFilter.Not;
import dev.backlot.platform.http.HttpError;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Backstage's predicate body ({@code {"$all": [{"kind": "component"}, …]}}) read into a filter
 * tree, and a tree written back in that form, the one cursors carry.
 */
final class FilterPredicate {
  private static final int MAX_DEPTH = 32;

  private FilterPredicate() {}

  static Node read(JsonNode predicate) {
    return node(predicate, 0);
  }

  private static Node node(JsonNode predicate, int depth) {
    if (depth > MAX_DEPTH) {
      throw HttpError.inputError("Invalid filter predicate: nested deeper than " + MAX_DEPTH + " levels");
    }
    if (!predicate.isObject()) {
      throw HttpError.inputError("Invalid filter predicate: top-level primitive values are not supported. Wrap the value in a field expression, e.g. { \"kind\": "
          + predicate + " }");
    }
    if (predicate.has("$not")) {
      return new Not(node(predicate.get("$not"), depth + 1));
    }
    if (predicate.has("$all") || predicate.has("$any")) {
      JsonNode list = predicate.has("$all") ? predicate.get("$all") : predicate.get("$any");
      if (!list.isArray()) {
        throw HttpError.inputError("Invalid filter predicate: " + (predicate.has("$all") ? "$all" : "$any") + " must be an array");
      }
      List<Node> nodes = new ArrayList<>();
      list.forEach(item -> nodes.add(node(item, depth + 1)));
      return predicate.has("$all") ? new All(List.copyOf(nodes)) : new Any(List.copyOf(nodes));
    }
    List<Node> fields = new ArrayList<>();
    predicate.fields().forEachRemaining(field -> fields.add(field(field.getKey().toLowerCase(Locale.ROOT), field.getValue())));
    return fields.size() == 1 ? fields.get(0) : new All(List.copyOf(fields));
  }

  private static Node field(String key, JsonNode value) {
    if (value.isValueNode() && !value.isNull()) {
      return Field.equalsAny(key, List.of(value.asText().toLowerCase(Locale.ROOT)));
    }
    if (value.isObject() && value.has("$exists") && value.get("$exists").isBoolean()) {
      return new Field(key, List.of(), value.get("$exists").asBoolean(), null);
    }
    if (value.isObject() && value.path("$in").isArray()) {
      List<String> values = new ArrayList<>();
      value.get("$in").forEach(v -> values.add(v.asText().toLowerCase(Locale.ROOT)));
      return values.isEmpty() ? new Any(List.of()) : Field.equalsAny(key, values);
    }
    if (value.isObject() && value.path("$hasPrefix").isTextual()) {
      return new Field(key, List.of(), null, value.get("$hasPrefix").asText().toLowerCase(Locale.ROOT));
    }
    JsonNode contains = value.path("$contains");
    if (contains.isValueNode() && !contains.isNull()) {
      return Field.equalsAny(key, List.of(contains.asText().toLowerCase(Locale.ROOT)));
    }
    if (key.equals("relations") && contains.isObject() && contains.path("type").isTextual()) {
      String relation = "relations." + contains.get("type").asText().toLowerCase(Locale.ROOT);
      JsonNode target = contains.has("targetRef") ? contains.get("targetRef") : contains.path("targetref");
      if (target.isMissingNode()) {
        return new Field(relation, List.of(), true, null);
      }
      return field(relation, target);
    }
    throw HttpError.inputError("Unsupported filter predicate value for field \"" + key + "\": " + value);
  }

  static JsonNode write(Node node) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    return switch (node) {
      case All all -> list("$all", all.nodes());
      case Any any -> list("$any", any.nodes());
      case Not not -> nodes.objectNode().set("$not", write(not.node()));
      case Field field -> {
        ObjectNode object = nodes.objectNode();
        if (field.exists() != null) {
          object.putObject(field.key()).put("$exists", field.exists());
        } else if (field.prefix() != null) {
          object.putObject(field.key()).put("$hasPrefix", field.prefix());
        } else if (field.values().size() == 1) {
          object.put(field.key(), field.values().get(0));
        } else {
          field.values().forEach(object.putObject(field.key()).putArray("$in")::add);
        }
        yield object;
      }
    };
  }

  private static JsonNode list(String operator, List<Node> nodes) {
    ObjectNode object = JsonNodeFactory.instance.objectNode();
    ArrayNode array = object.putArray(operator);
    nodes.forEach(n -> array.add(write(n)));
    return object;
  }
}
