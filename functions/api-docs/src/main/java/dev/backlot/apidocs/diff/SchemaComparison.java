package dev.backlot.apidocs.diff;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Compares an older schema with a newer one in a direction ({@link SchemaContext}): narrowing what
 * clients send breaks them, widening what they receive breaks them. One instance serves one pair of
 * documents: a pair of references compared once is remembered, so a component shared by a thousand
 * operations is compared once, and a pair met again while still being compared (a cycle) is cut.
 */
final class SchemaComparison {
  private final LocalRefs older;
  private final LocalRefs newer;
  private final DiffBudget.Meter meter;
  private final Map<String, Findings> compared = new HashMap<>();
  private final Map<String, Integer> open = new HashMap<>();
  /** Per open reference pair: the outermost open pair a cycle inside it was cut at. */
  private final Deque<int[]> cuts = new ArrayDeque<>();

  SchemaComparison(LocalRefs older, LocalRefs newer, DiffBudget.Meter meter) {
    this.older = older;
    this.newer = newer;
    this.meter = meter;
  }

  /** Compares two schemas at the top of {@code context}, findings placed under {@code at}. */
  void compare(JsonNode from, JsonNode to, SchemaContext context, String at, Findings out) {
    Findings found = new Findings(meter.budget().maxFindings());
    walk(from, to, context, true, "", found, 0, false);
    out.addInContext(found, at);
  }

  private void walk(JsonNode from, JsonNode to, SchemaContext context, boolean top, String at, Findings out, int depth,
      boolean nullabilityCompared) {
    meter.enter(depth);
    meter.spend(1);
    String fromRef = local(from);
    String toRef = local(to);
    if (fromRef == null || toRef == null) {
      compareResolved(from, to, context, top, at, out, depth, nullabilityCompared);
      return;
    }
    String key = fromRef + '\u0000' + toRef + '\u0000' + context.top() + top + nullabilityCompared;
    Integer openAt = open.get(key);
    if (openAt != null) {
      // A cycle: this pair is being compared further up; its findings are reported there.
      if (!cuts.isEmpty()) {
        cuts.peek()[0] = Math.min(cuts.peek()[0], openAt);
      }
      return;
    }
    Findings known = compared.get(key);
    if (known != null) {
      meter.spend(known.list().size());
      out.addAll(known, at);
      return;
    }
    int level = cuts.size();
    open.put(key, level);
    cuts.push(new int[] {Integer.MAX_VALUE});
    Findings inside = new Findings(meter.budget().maxFindings());
    int cutAt;
    try {
      compareResolved(from, to, context, top, "", inside, depth, nullabilityCompared);
    } finally {
      open.remove(key);
      cutAt = cuts.pop()[0];
      if (!cuts.isEmpty()) {
        cuts.peek()[0] = Math.min(cuts.peek()[0], cutAt);
      }
    }
    if (cutAt >= level) {
      // Complete: no cycle through a pair still open above was cut short inside it.
      compared.put(key, inside);
    }
    meter.spend(inside.list().size());
    out.addAll(inside, at);
  }

  private static String local(JsonNode node) {
    String ref = LocalRefs.refOf(node);
    return ref != null && ref.startsWith("#") ? ref : null;
  }

  private void compareResolved(JsonNode fromNode, JsonNode toNode, SchemaContext context, boolean top, String at, Findings out,
      int depth, boolean nullabilityCompared) {
    SchemaShape from = SchemaShape.of(fromNode, older, meter);
    SchemaShape to = SchemaShape.of(toNode, newer, meter);
    String fromOutside = LocalRefs.refOf(from.node);
    String toOutside = LocalRefs.refOf(to.node);
    if (fromOutside != null || toOutside != null) {
      // A reference to another document (or to nothing): never fetched, so only its text compares.
      if (!java.util.Objects.equals(fromOutside, toOutside)) {
        out.add(context.rule(top, "external-ref-changed"), false, at, "reference changed from " + fromOutside + " to " + toOutside
            + " (not followed: compare those documents themselves)");
      }
      return;
    }
    if (!nullabilityCompared) {
      nullability(from, to, context, top, at, out);
    }
    boolean manyAlternatives = from.alternatives.size() > 1 || to.alternatives.size() > 1;
    if ((from.single != null || to.single != null) && !manyAlternatives) {
      // A nullable wrapper (anyOf: [X, {type: "null"}]) compares as X, its nullability done above.
      walk(from.single != null ? from.single : fromNode, to.single != null ? to.single : toNode, context, top, at, out,
          depth + 1, true);
      return;
    }
    if (!from.alternatives.isEmpty() || !to.alternatives.isEmpty()) {
      alternatives(from, to, context, top, at, out, depth);
      return;
    }
    types(from, to, context, top, at, out);
    values(from, to, context, top, at, out);
    new Constraints(context, top, at, out).compare(from, to);
    properties(from, to, context, at, out, depth);
    if (from.items != null && to.items != null) {
      walk(from.items, to.items, context, false, Locations.join(at, "[]"), out, depth + 1, false);
    }
    if (from.additionalProperties != null && from.additionalProperties.isObject() && to.additionalProperties != null
        && to.additionalProperties.isObject()) {
      walk(from.additionalProperties, to.additionalProperties, context, false, Locations.join(at, "{}"), out, depth + 1, false);
    }
  }

  private static void nullability(SchemaShape from, SchemaShape to, SchemaContext context, boolean top, String at, Findings out) {
    if (from.nullable && !to.nullable) {
      out.add(context.rule(top, "became-not-nullable"), context.clientsSend(), at, "no longer accepts null");
    } else if (!from.nullable && to.nullable) {
      out.add(context.rule(top, "became-nullable"), !context.clientsSend(), at, "may now be null");
    }
  }

  private static void types(SchemaShape from, SchemaShape to, SchemaContext context, boolean top, String at, Findings out) {
    if (Objects.equals(from.types, to.types)) {
      return;
    }
    // What the older version allowed and the newer does not, and the reverse; integers are numbers.
    Set<String> narrowed = without(from.types, to.types);
    Set<String> widened = without(to.types, from.types);
    boolean breaking = context.clientsSend() ? !narrowed.isEmpty() : !widened.isEmpty();
    String message = "type changed from " + describe(from.types) + " to " + describe(to.types);
    if (breaking) {
      out.add(context.rule(top, "type-changed"), true, at, message);
    } else {
      out.add(context.rule(top, context.clientsSend() ? "type-generalized" : "type-specialized"), false, at, message);
    }
  }

  /** Types in {@code a} that {@code b} does not allow; null stands for any type. */
  private static Set<String> without(Set<String> a, Set<String> b) {
    if (b == null) {
      return Set.of();
    }
    if (a == null) {
      return Set.of("any");
    }
    Set<String> left = new LinkedHashSet<>(a);
    left.removeAll(b);
    if (b.contains("number")) {
      left.remove("integer");
    }
    return left;
  }

  private static String describe(Set<String> types) {
    return types == null ? "any" : types.size() == 1 ? types.iterator().next() : types.toString();
  }

  private static void values(SchemaShape from, SchemaShape to, SchemaContext context, boolean top, String at, Findings out) {
    boolean send = context.clientsSend();
    if (from.enumValues == null && to.enumValues != null) {
      out.add(context.rule(top, "became-enum"), send, at, "now restricted to " + list(to.enumValues));
      return;
    }
    if (from.enumValues != null && to.enumValues == null) {
      out.add(context.rule(top, "enum-removed"), !send, at, "no longer restricted to " + list(from.enumValues));
      return;
    }
    if (from.enumValues == null) {
      return;
    }
    Set<JsonNode> removed = new LinkedHashSet<>(from.enumValues);
    removed.removeAll(to.enumValues);
    Set<JsonNode> added = new LinkedHashSet<>(to.enumValues);
    added.removeAll(from.enumValues);
    if (!removed.isEmpty()) {
      out.add(context.rule(top, "enum-value-removed"), send, at, "values removed: " + list(removed));
    }
    if (!added.isEmpty()) {
      out.add(context.rule(top, "enum-value-added"), !send, at, "values added: " + list(added));
    }
  }

  private static String list(Set<JsonNode> values) {
    List<String> shown = new ArrayList<>();
    for (JsonNode value : values) {
      if (shown.size() == 20) {
        shown.add("… " + (values.size() - 20) + " more");
        break;
      }
      shown.add(value.toString());
    }
    return String.join(", ", shown);
  }

  private void properties(SchemaShape from, SchemaShape to, SchemaContext context, String at, Findings out, int depth) {
    boolean send = context.clientsSend();
    for (Map.Entry<String, JsonNode> property : from.properties.entrySet()) {
      String name = property.getKey();
      String where = Locations.join(at, name);
      JsonNode next = to.properties.get(name);
      boolean onlyOtherWay = send ? flag(property.getValue(), older, "readOnly") : flag(property.getValue(), older, "writeOnly");
      if (next == null) {
        if (!onlyOtherWay) {
          out.add(context.rule(false, "removed"), !send, where, "property removed");
        }
        continue;
      }
      meter.spend(1);
      if (!onlyOtherWay) {
        boolean wasRequired = from.required.contains(name);
        boolean isRequired = to.required.contains(name);
        if (!wasRequired && isRequired) {
          out.add(context.rule(false, "became-required"), send, where, "property became required");
        } else if (wasRequired && !isRequired) {
          out.add(context.rule(false, "became-optional"), !send, where, "property became optional");
        }
      }
      walk(property.getValue(), next, context, false, where, out, depth + 1, false);
    }
    for (Map.Entry<String, JsonNode> property : to.properties.entrySet()) {
      String name = property.getKey();
      if (from.properties.containsKey(name)) {
        continue;
      }
      boolean required = to.required.contains(name);
      boolean readOnly = flag(property.getValue(), newer, "readOnly");
      if (send && required && !readOnly) {
        out.add("new-required-" + context.nested(), true, Locations.join(at, name), "new required property");
      } else {
        out.add("new-optional-" + context.nested(), false, Locations.join(at, name), "new property");
      }
    }
  }

  private static boolean flag(JsonNode schema, LocalRefs refs, String name) {
    return refs.resolve(schema).path(name).asBoolean(false);
  }

  /**
   * anyOf/oneOf. Both sides with alternatives: matched by component name (else by position), a
   * removed one breaks senders, an added one breaks receivers. One side only: what clients send
   * must fit some alternative of the newer schema, what they receive must fit the older schema in
   * every alternative.
   */
  private void alternatives(SchemaShape from, SchemaShape to, SchemaContext context, boolean top, String at, Findings out, int depth) {
    boolean send = context.clientsSend();
    if (!from.alternatives.isEmpty() && !to.alternatives.isEmpty()) {
      Map<String, JsonNode> before = keyed(from.alternatives);
      Map<String, JsonNode> after = keyed(to.alternatives);
      String combinator = to.combinator.equals("oneOf") ? "one-of" : "any-of";
      for (Map.Entry<String, JsonNode> alternative : before.entrySet()) {
        JsonNode next = after.get(alternative.getKey());
        if (next == null) {
          out.add(context.rule(top, combinator + "-removed"), send, at, "alternative " + alternative.getKey() + " removed");
        } else {
          walk(alternative.getValue(), next, context, top, Locations.join(at, "<" + alternative.getKey() + ">"), out, depth + 1, true);
        }
      }
      after.keySet().stream().filter(key -> !before.containsKey(key)).forEach(key ->
          out.add(context.rule(top, combinator + "-added"), !send, at, "alternative " + key + " added"));
      return;
    }
    boolean toAlternatives = from.alternatives.isEmpty();
    List<JsonNode> alternatives = toAlternatives ? to.alternatives : from.alternatives;
    // Senders: the older values must fit one newer alternative (to side) / every older one must fit the newer schema.
    boolean anyOne = send == toAlternatives;
    List<Findings> each = new ArrayList<>();
    for (JsonNode alternative : alternatives) {
      Findings found = new Findings(meter.budget().maxFindings());
      walk(toAlternatives ? from.node : alternative, toAlternatives ? alternative : to.node, context, top, at, found, depth + 1, true);
      each.add(found);
    }
    if (anyOne) {
      Findings best = each.stream().min(java.util.Comparator.comparingLong(Findings::breakingCount)).orElseThrow();
      out.addAll(best, "");
    } else {
      each.forEach(found -> out.addAll(found, ""));
    }
  }

  private static Map<String, JsonNode> keyed(List<JsonNode> alternatives) {
    Map<String, JsonNode> keyed = new java.util.LinkedHashMap<>();
    for (int i = 0; i < alternatives.size(); i++) {
      JsonNode alternative = alternatives.get(i);
      String ref = LocalRefs.refOf(alternative);
      String key = ref != null ? LocalRefs.nameOf(ref) : alternative.hasNonNull("title") ? alternative.get("title").asText() : "#" + (i + 1);
      keyed.putIfAbsent(key, alternative);
    }
    return keyed;
  }
}
