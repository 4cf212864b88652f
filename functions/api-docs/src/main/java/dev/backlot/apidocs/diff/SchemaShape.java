package dev.backlot.apidocs.diff;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a schema allows, read the same way from OpenAPI 2.0, 3.0 and 3.1 and AsyncAPI: nullability
 * from {@code nullable}, {@code x-nullable}, {@code type: [x, "null"]}, a {@code {type: "null"}}
 * alternative or a null enum value; {@code const} as an enum of one; {@code allOf} members merged.
 * A schema that is only a nullable wrapper ({@code anyOf: [X, {type: "null"}]}) names X as its
 * {@link #single} alternative, so it compares with X.
 */
final class SchemaShape {
  /** allOf members merged into one shape, nested at most this deep. */
  private static final int MAX_ALL_OF_DEPTH = 8;

  final JsonNode node;
  /** The allowed types without "null"; null when any type is. */
  Set<String> types;
  boolean nullable;
  /** The allowed values without null; null when not restricted. */
  Set<JsonNode> enumValues;
  String format;
  String pattern;
  Bound minimum;
  Bound maximum;
  BigDecimal minLength;
  BigDecimal maxLength;
  BigDecimal minItems;
  BigDecimal maxItems;
  final Map<String, JsonNode> properties = new LinkedHashMap<>();
  final Set<String> required = new LinkedHashSet<>();
  JsonNode additionalProperties;
  JsonNode items;
  /** anyOf/oneOf alternatives that are not the null type, and which combinator held them. */
  final List<JsonNode> alternatives = new ArrayList<>();
  String combinator;
  /** The one alternative of a nullable wrapper; null when the schema is more than that. */
  JsonNode single;

  /** A lower or upper bound; exclusive ones are tighter at the same value. */
  record Bound(BigDecimal value, boolean exclusive) {}

  private SchemaShape(JsonNode node) {
    this.node = node;
  }

  /** The shape of {@code schema}, references followed. */
  static SchemaShape of(JsonNode schema, LocalRefs refs, DiffBudget.Meter meter) {
    JsonNode node = refs.resolve(schema);
    SchemaShape shape = new SchemaShape(node);
    shape.read(node, refs, meter, 0);
    if (shape.alternatives.size() == 1 && shape.types == null && shape.properties.isEmpty() && shape.enumValues == null
        && shape.items == null) {
      shape.single = shape.alternatives.get(0);
    }
    return shape;
  }

  private void read(JsonNode node, LocalRefs refs, DiffBudget.Meter meter, int allOfDepth) {
    meter.spend(1);
    if (!node.isObject()) {
      return;
    }
    readTypes(node.get("type"));
    if (node.path("nullable").asBoolean(false) || node.path("x-nullable").asBoolean(false)) {
      nullable = true;
    }
    if (node.has("const")) {
      addEnum(List.of(node.get("const")));
    } else if (node.path("enum").isArray()) {
      List<JsonNode> values = new ArrayList<>();
      node.get("enum").forEach(values::add);
      addEnum(values);
    }
    format = first(format, text(node, "format"));
    pattern = first(pattern, text(node, "pattern"));
    minimum = first(minimum, bound(node, "minimum", "exclusiveMinimum"));
    maximum = first(maximum, bound(node, "maximum", "exclusiveMaximum"));
    minLength = first(minLength, number(node, "minLength"));
    maxLength = first(maxLength, number(node, "maxLength"));
    minItems = first(minItems, number(node, "minItems"));
    maxItems = first(maxItems, number(node, "maxItems"));
    node.path("properties").properties().forEach(e -> properties.putIfAbsent(e.getKey(), e.getValue()));
    node.path("required").forEach(name -> required.add(name.asText()));
    if (additionalProperties == null && node.has("additionalProperties")) {
      additionalProperties = node.get("additionalProperties");
    }
    if (items == null && node.has("items")) {
      items = node.get("items");
    }
    for (String name : List.of("anyOf", "oneOf")) {
      for (JsonNode alternative : node.path(name)) {
        if (isNullType(refs.resolve(alternative))) {
          nullable = true;
        } else {
          alternatives.add(alternative);
          combinator = name;
        }
      }
    }
    if (allOfDepth < MAX_ALL_OF_DEPTH) {
      for (JsonNode member : node.path("allOf")) {
        read(refs.resolve(member), refs, meter, allOfDepth + 1);
      }
    }
  }

  private void readTypes(JsonNode type) {
    if (type == null || types != null) {
      return;
    }
    Set<String> read = new LinkedHashSet<>();
    if (type.isTextual()) {
      read.add(type.asText());
    } else if (type.isArray()) {
      type.forEach(t -> read.add(t.asText()));
    }
    if (read.remove("null")) {
      nullable = true;
    }
    if (!read.isEmpty()) {
      types = read;
    } else if (type.isTextual() || !type.isEmpty()) {
      types = new LinkedHashSet<>();
    }
  }

  private void addEnum(List<JsonNode> values) {
    if (enumValues != null) {
      return;
    }
    enumValues = new LinkedHashSet<>();
    for (JsonNode value : values) {
      if (value.isNull()) {
        nullable = true;
      } else {
        enumValues.add(value);
      }
    }
  }

  private static boolean isNullType(JsonNode node) {
    JsonNode type = node.get("type");
    if (type != null && type.isTextual() && type.asText().equals("null")) {
      return true;
    }
    if (node.has("const") && node.get("const").isNull()) {
      return true;
    }
    JsonNode values = node.get("enum");
    return values != null && values.isArray() && values.size() == 1 && values.get(0).isNull();
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isValueNode() ? value.asText() : null;
  }

  private static BigDecimal number(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isNumber() ? value.decimalValue() : null;
  }

  /** 3.0's {@code exclusiveMaximum: true} beside {@code maximum}, or 3.1's numeric exclusive bound. */
  private static Bound bound(JsonNode node, String inclusive, String exclusive) {
    JsonNode flag = node.get(exclusive);
    if (flag != null && flag.isNumber()) {
      return new Bound(flag.decimalValue(), true);
    }
    BigDecimal value = number(node, inclusive);
    return value == null ? null : new Bound(value, flag != null && flag.asBoolean(false));
  }

  private static <T> T first(T current, T next) {
    return current != null ? current : next;
  }
}
