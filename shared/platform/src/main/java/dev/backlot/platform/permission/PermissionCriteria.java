package dev.backlot.platform.permission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The conditions of a CONDITIONAL decision, Backstage's {@code PermissionCriteria}: a tree of
 * {@code {allOf: [...]}}, {@code {anyOf: [...]}}, {@code {not: ...}} over conditions {@code {rule,
 * resourceType, params}}. The plugin that owns the resource type turns the tree into its own
 * query; the permission service only names rules the plugin published.
 */
public sealed interface PermissionCriteria {
  /** Deeper trees are refused: no policy needs them, and each level is a recursion. */
  int MAX_DEPTH = 32;

  record AllOf(List<PermissionCriteria> criteria) implements PermissionCriteria {
    public AllOf {
      criteria = List.copyOf(criteria);
    }
  }

  record AnyOf(List<PermissionCriteria> criteria) implements PermissionCriteria {
    public AnyOf {
      criteria = List.copyOf(criteria);
    }
  }

  record Not(PermissionCriteria criteria) implements PermissionCriteria {}

  /** One rule applied with its parameters, such as {@code IS_ENTITY_KIND} with {@code {kinds: [api]}}. */
  record Condition(String rule, String resourceType, ObjectNode params) implements PermissionCriteria {}

  /** Reads the wire form; anything else is an {@link IllegalArgumentException} naming what is wrong. */
  static PermissionCriteria read(JsonNode json) {
    return read(json, 0);
  }

  private static PermissionCriteria read(JsonNode json, int depth) {
    if (depth > MAX_DEPTH) {
      throw new IllegalArgumentException("conditions nested deeper than " + MAX_DEPTH + " levels");
    }
    if (json == null || !json.isObject()) {
      throw new IllegalArgumentException("conditions must be objects, not " + json);
    }
    if (json.has("allOf") || json.has("anyOf")) {
      JsonNode list = json.has("allOf") ? json.get("allOf") : json.get("anyOf");
      if (!list.isArray() || list.isEmpty()) {
        throw new IllegalArgumentException("allOf and anyOf hold a non-empty array");
      }
      List<PermissionCriteria> criteria = new ArrayList<>();
      list.forEach(item -> criteria.add(read(item, depth + 1)));
      return json.has("allOf") ? new AllOf(criteria) : new AnyOf(criteria);
    }
    if (json.has("not")) {
      return new Not(read(json.get("not"), depth + 1));
    }
    if (!json.path("rule").isTextual() || !json.path("resourceType").isTextual()) {
      throw new IllegalArgumentException("a condition has a rule and a resourceType: " + json);
    }
    JsonNode params = json.path("params");
    return new Condition(json.get("rule").asText(), json.get("resourceType").asText(),
        params.isObject() ? ((ObjectNode) params).deepCopy() : JsonNodeFactory.instance.objectNode());
  }

  /** The wire form. */
  default JsonNode toJson() {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    return switch (this) {
      case AllOf all -> {
        ObjectNode object = nodes.objectNode();
        all.criteria().forEach(c -> object.withArray("allOf").add(c.toJson()));
        yield object;
      }
      case AnyOf any -> {
        ObjectNode object = nodes.objectNode();
        any.criteria().forEach(c -> object.withArray("anyOf").add(c.toJson()));
        yield object;
      }
      case Not not -> nodes.objectNode().set("not", not.criteria().toJson());
      case Condition condition -> nodes.objectNode().put("rule", condition.rule()).put("resourceType", condition.resourceType())
          .set("params", condition.params());
    };
  }
}
