package dev.backlot.permission.rbac;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Map;

/**
 * RHDH's condition aliases ({@code conditional-aliases/alias-resolver.ts}): in a condition's
 * params, {@code $currentUser} becomes the caller's user ref and {@code $ownerRefs} the caller's
 * ownership refs (spread into an array it appears in). Works on a copy: stored trees are shared.
 */
final class ConditionAliases {
  static final String CURRENT_USER = "$currentUser";
  static final String OWNER_REFS = "$ownerRefs";

  private ConditionAliases() {}

  static JsonNode resolved(JsonNode criteria, Caller caller) {
    JsonNode copy = criteria.deepCopy();
    resolve(copy, caller);
    return copy;
  }

  private static void resolve(JsonNode node, Caller caller) {
    if (node.isArray()) {
      node.forEach(child -> resolve(child, caller));
      return;
    }
    if (!node.isObject()) {
      return;
    }
    JsonNode params = node.get("params");
    if (node.has("rule") && params != null && params.isObject()) {
      ObjectNode object = (ObjectNode) params;
      for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext();) {
        Map.Entry<String, JsonNode> field = fields.next();
        field.setValue(value(field.getValue(), caller));
      }
      return;
    }
    node.forEach(child -> resolve(child, caller));
  }

  private static JsonNode value(JsonNode value, Caller caller) {
    if (value.isTextual()) {
      return switch (value.asText()) {
        case CURRENT_USER -> TextNode.valueOf(caller.userRef());
        case OWNER_REFS -> ownerRefs(caller);
        default -> value;
      };
    }
    if (value.isArray()) {
      ArrayNode replaced = JsonNodeFactory.instance.arrayNode();
      for (JsonNode element : value) {
        if (element.isTextual() && element.asText().equals(OWNER_REFS)) {
          replaced.addAll(ownerRefs(caller));
        } else if (element.isTextual() && element.asText().equals(CURRENT_USER)) {
          replaced.add(caller.userRef());
        } else {
          replaced.add(element);
        }
      }
      return replaced;
    }
    return value;
  }

  private static ArrayNode ownerRefs(Caller caller) {
    ArrayNode refs = JsonNodeFactory.instance.arrayNode();
    caller.ownershipRefs().forEach(refs::add);
    return refs;
  }
}
