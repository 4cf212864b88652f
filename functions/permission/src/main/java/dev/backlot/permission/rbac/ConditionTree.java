package dev.backlot.permission.rbac;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a permission criteria tree as Backstage defines it ({@code PermissionCriteria}): an
 * object with exactly one of {@code allOf} or {@code anyOf} (a non-empty array of criteria) or
 * {@code not} (one criteria), or a leaf {@code {rule, resourceType, params}} whose resource type
 * is the policy's. Bounded so that one stored policy cannot make every decision slow.
 */
public final class ConditionTree {
  /** How deep criteria may nest. */
  public static final int MAX_DEPTH = 10;
  /** How many criteria (inner and leaf) one tree may hold. */
  public static final int MAX_NODES = 100;

  private int nodes;

  private ConditionTree() {}

  /** Why {@code conditions} is no valid tree for {@code resourceType}, naming where; empty when valid. */
  public static Optional<String> problem(JsonNode conditions, String resourceType) {
    return new ConditionTree().check(conditions, resourceType, "conditions", 1);
  }

  /** The leaves of a valid tree, each with where it is ({@code conditions.anyOf[0]}). */
  public static java.util.Map<String, JsonNode> leaves(JsonNode conditions) {
    java.util.Map<String, JsonNode> leaves = new java.util.LinkedHashMap<>();
    collect(conditions, "conditions", leaves);
    return leaves;
  }

  private static void collect(JsonNode node, String where, java.util.Map<String, JsonNode> leaves) {
    for (String criteria : new String[] {"allOf", "anyOf"}) {
      if (node.has(criteria)) {
        for (int i = 0; i < node.get(criteria).size(); i++) {
          collect(node.get(criteria).get(i), where + "." + criteria + "[" + i + "]", leaves);
        }
        return;
      }
    }
    if (node.has("not")) {
      collect(node.get("not"), where + ".not", leaves);
      return;
    }
    leaves.put(where, node);
  }

  private Optional<String> check(JsonNode node, String resourceType, String where, int depth) {
    if (depth > MAX_DEPTH) {
      return Optional.of("'" + where + "' nests criteria deeper than " + MAX_DEPTH + " levels");
    }
    if (++nodes > MAX_NODES) {
      return Optional.of("'conditions' holds more than " + MAX_NODES + " criteria");
    }
    if (node == null || !node.isObject() || node.isEmpty()) {
      return Optional.of("'" + where + "' must be a non-empty object: allOf, anyOf, not, or {rule, resourceType, params}");
    }
    for (String criteria : new String[] {"allOf", "anyOf"}) {
      if (node.has(criteria)) {
        if (node.size() != 1) {
          return Optional.of("'" + where + "' must hold only '" + criteria + "'");
        }
        JsonNode all = node.get(criteria);
        if (!all.isArray() || all.isEmpty()) {
          return Optional.of("'" + where + "." + criteria + "' must be a non-empty array of criteria");
        }
        for (int i = 0; i < all.size(); i++) {
          Optional<String> problem = check(all.get(i), resourceType, where + "." + criteria + "[" + i + "]", depth + 1);
          if (problem.isPresent()) {
            return problem;
          }
        }
        return Optional.empty();
      }
    }
    if (node.has("not")) {
      if (node.size() != 1) {
        return Optional.of("'" + where + "' must hold only 'not'");
      }
      return check(node.get("not"), resourceType, where + ".not", depth + 1);
    }
    return leafProblem(node, resourceType, where);
  }

  private static Optional<String> leafProblem(JsonNode leaf, String resourceType, String where) {
    for (Iterator<Map.Entry<String, JsonNode>> fields = leaf.fields(); fields.hasNext();) {
      String field = fields.next().getKey();
      if (!field.equals("rule") && !field.equals("resourceType") && !field.equals("params")) {
        return Optional.of("'" + where + "' has unknown field '" + field + "'; a condition has rule, resourceType and params");
      }
    }
    if (!leaf.path("rule").isTextual() || leaf.path("rule").asText().isBlank()) {
      return Optional.of("'" + where + ".rule' must be a non-empty string");
    }
    if (!leaf.path("resourceType").isTextual() || !leaf.get("resourceType").asText().equals(resourceType)) {
      return Optional.of("'" + where + ".resourceType' must be '" + resourceType + "', the policy's resource type");
    }
    if (leaf.has("params") && !leaf.get("params").isObject()) {
      return Optional.of("'" + where + ".params' must be an object");
    }
    return Optional.empty();
  }
}
