package dev.backlot.scaffolder.expression;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NumericNode;

/**
 * JavaScript's view of JSON values, which Nunjucks templates rely on: truthiness, how a value
 * prints, and numbers. {@link MissingNode} is JavaScript's {@code undefined}.
 */
public final class Values {
  public static final JsonNode UNDEFINED = MissingNode.getInstance();

  private Values() {}

  public static boolean isUndefined(JsonNode value) {
    return value == null || value.isMissingNode();
  }

  /** JavaScript truthiness: arrays and objects are true even when empty. */
  public static boolean truthy(JsonNode value) {
    if (value == null || value.isMissingNode() || value.isNull()) {
      return false;
    }
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    if (value.isNumber()) {
      double d = value.doubleValue();
      return d != 0 && !Double.isNaN(d);
    }
    if (value.isTextual()) {
      return !value.textValue().isEmpty();
    }
    return true;
  }

  /** How Nunjucks prints a value: nothing for undefined and null, JavaScript's toString otherwise. */
  public static String text(JsonNode value) {
    if (value == null || value.isMissingNode() || value.isNull()) {
      return "";
    }
    if (value.isTextual()) {
      return value.textValue();
    }
    if (value.isNumber()) {
      return number(value.doubleValue());
    }
    if (value.isArray()) {
      StringBuilder joined = new StringBuilder();
      for (int i = 0; i < value.size(); i++) {
        joined.append(i == 0 ? "" : ",").append(text(value.get(i)));
      }
      return joined.toString();
    }
    if (value.isObject()) {
      return "[object Object]";
    }
    return value.asText();
  }

  static String number(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "Infinity" : "-Infinity";
    }
    if (d == Math.rint(d) && Math.abs(d) < 1e21) {
      return Long.toString((long) d);
    }
    return Double.toString(d);
  }

  /** JavaScript's Number(value). */
  static double toNumber(JsonNode value) {
    if (value == null || value.isMissingNode()) {
      return Double.NaN;
    }
    if (value.isNull()) {
      return 0;
    }
    if (value.isNumber()) {
      return value.doubleValue();
    }
    if (value.isBoolean()) {
      return value.booleanValue() ? 1 : 0;
    }
    if (value.isTextual()) {
      String s = value.textValue().trim();
      if (s.isEmpty()) {
        return 0;
      }
      try {
        return Double.parseDouble(s);
      } catch (NumberFormatException e) {
        return Double.NaN;
      }
    }
    return Double.NaN;
  }

  static JsonNode numberNode(double d) {
    return d == Math.rint(d) && Math.abs(d) < 9e15 ? LongNode.valueOf((long) d) : DoubleNode.valueOf(d);
  }

  /** JavaScript's loose equality on JSON values, close enough for templates: numbers by value, else by content. */
  static boolean looselyEqual(JsonNode a, JsonNode b) {
    if (isNullish(a) || isNullish(b)) {
      return isNullish(a) && isNullish(b);
    }
    if (a.isNumber() || b.isNumber() || a.isBoolean() || b.isBoolean()) {
      if (a.isContainerNode() || b.isContainerNode()) {
        return false;
      }
      return toNumber(a) == toNumber(b);
    }
    return strictlyEqual(a, b);
  }

  static boolean strictlyEqual(JsonNode a, JsonNode b) {
    if (isUndefined(a) || isUndefined(b)) {
      return isUndefined(a) && isUndefined(b);
    }
    if (a instanceof NumericNode && b instanceof NumericNode) {
      return a.doubleValue() == b.doubleValue();
    }
    if (a.isContainerNode() || b.isContainerNode()) {
      return a == b;
    }
    return a.equals(b);
  }

  private static boolean isNullish(JsonNode value) {
    return value == null || value.isMissingNode() || value.isNull();
  }
}
