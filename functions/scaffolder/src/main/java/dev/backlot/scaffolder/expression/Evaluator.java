package dev.backlot.scaffolder.expression;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates a parsed expression over JSON values only. Lookups read JSON objects and arrays (and a
 * string's or array's {@code length}); there are no method calls, no constructors and no access to
 * anything but the context's JSON, which is the sandbox.
 */
final class Evaluator {
  /**
   * How deep evaluation may recurse. Chains the parser builds without recursing ({@code a ~ b ~ …},
   * {@code x | f | f …}, {@code a.b.c…}) still nest when evaluated: this keeps them off the stack's end.
   */
  static final int MAX_DEPTH = 200;

  private final Budget budget;
  private int depth;

  Evaluator(Budget budget) {
    this.budget = budget;
  }

  JsonNode evaluate(Node node, Scope scope) {
    budget.step();
    if (++depth > MAX_DEPTH) {
      throw new ExpressionException("expression nested deeper than " + MAX_DEPTH + " levels");
    }
    try {
      return evaluateNode(node, scope);
    } finally {
      depth--;
    }
  }

  private JsonNode evaluateNode(Node node, Scope scope) {
    return switch (node) {
      case Node.Literal literal -> literal.value();
      case Node.Name name -> scope.get(name.name());
      case Node.Lookup lookup -> lookup(evaluate(lookup.target(), scope), evaluate(lookup.key(), scope));
      case Node.ListOf list -> {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (Node item : list.items()) {
          array.add(orNull(evaluate(item, scope)));
        }
        yield array;
      }
      case Node.DictOf dict -> {
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < dict.keys().size(); i++) {
          Node key = dict.keys().get(i);
          String name = key instanceof Node.Name n ? n.name() : Values.text(evaluate(key, scope));
          object.set(name, orNull(evaluate(dict.values().get(i), scope)));
        }
        yield object;
      }
      case Node.Unary unary -> unary(unary.operator(), evaluate(unary.operand(), scope));
      case Node.Binary binary -> binary(binary, scope);
      case Node.Conditional conditional -> Values.truthy(evaluate(conditional.condition(), scope))
          ? evaluate(conditional.then(), scope)
          : conditional.otherwise() == null ? Values.UNDEFINED : evaluate(conditional.otherwise(), scope);
      case Node.Filter filter -> {
        JsonNode input = evaluate(filter.input(), scope);
        List<JsonNode> arguments = new ArrayList<>();
        for (Node argument : filter.arguments()) {
          arguments.add(evaluate(argument, scope));
        }
        yield Filters.apply(filter.name(), input, arguments, budget);
      }
      case Node.Call call -> call(call, scope);
      case Node.Test test -> BooleanNode.valueOf(test(test.test(), evaluate(test.value(), scope)) != test.negated());
    };
  }

  private static JsonNode orNull(JsonNode value) {
    return Values.isUndefined(value) ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : value;
  }

  /** Nunjucks' memberLookup: a lookup on undefined or null is undefined, not an error. */
  static JsonNode lookup(JsonNode target, JsonNode key) {
    if (target == null || target.isMissingNode() || target.isNull()) {
      return Values.UNDEFINED;
    }
    String name = Values.text(key);
    if ("length".equals(name) && (target.isTextual() || target.isArray())) {
      return LongNode.valueOf(target.isTextual() ? target.textValue().length() : target.size());
    }
    JsonNode found = null;
    if (target.isObject()) {
      found = target.get(name);
    } else if (target.isArray()) {
      double index = Values.toNumber(key);
      if (index == Math.rint(index) && index >= 0 && index < target.size()) {
        found = target.get((int) index);
      }
    } else if (target.isTextual()) {
      double index = Values.toNumber(key);
      if (index == Math.rint(index) && index >= 0 && index < target.textValue().length()) {
        found = TextNode.valueOf(String.valueOf(target.textValue().charAt((int) index)));
      }
    }
    return found == null ? Values.UNDEFINED : found;
  }

  private static JsonNode unary(String operator, JsonNode value) {
    return switch (operator) {
      case "not" -> BooleanNode.valueOf(!Values.truthy(value));
      case "-" -> Values.numberNode(-Values.toNumber(value));
      default -> Values.numberNode(Values.toNumber(value));
    };
  }

  private JsonNode binary(Node.Binary binary, Scope scope) {
    JsonNode left = evaluate(binary.left(), scope);
    // and/or return an operand, as in JavaScript, and evaluate the right one only when needed.
    if (binary.operator().equals("and")) {
      return Values.truthy(left) ? evaluate(binary.right(), scope) : left;
    }
    if (binary.operator().equals("or")) {
      return Values.truthy(left) ? left : evaluate(binary.right(), scope);
    }
    JsonNode right = evaluate(binary.right(), scope);
    return switch (binary.operator()) {
      case "~" -> {
        Budget.checkLength((long) Values.text(left).length() + Values.text(right).length());
        yield TextNode.valueOf(Values.text(left) + Values.text(right));
      }
      case "+" -> {
        if (left.isTextual() || right.isTextual() || left.isContainerNode() || right.isContainerNode()) {
          Budget.checkLength((long) Values.text(left).length() + Values.text(right).length());
          yield TextNode.valueOf(Values.text(left) + Values.text(right));
        }
        yield Values.numberNode(Values.toNumber(left) + Values.toNumber(right));
      }
      case "-" -> Values.numberNode(Values.toNumber(left) - Values.toNumber(right));
      case "*" -> Values.numberNode(Values.toNumber(left) * Values.toNumber(right));
      case "/" -> Values.numberNode(Values.toNumber(left) / Values.toNumber(right));
      case "//" -> Values.numberNode(Math.floor(Values.toNumber(left) / Values.toNumber(right)));
      case "%" -> Values.numberNode(Values.toNumber(left) % Values.toNumber(right));
      case "**" -> Values.numberNode(Math.pow(Values.toNumber(left), Values.toNumber(right)));
      case "==" -> BooleanNode.valueOf(Values.looselyEqual(left, right));
      case "!=" -> BooleanNode.valueOf(!Values.looselyEqual(left, right));
      case "===" -> BooleanNode.valueOf(Values.strictlyEqual(left, right));
      case "!==" -> BooleanNode.valueOf(!Values.strictlyEqual(left, right));
      case "<", ">", "<=", ">=" -> BooleanNode.valueOf(compare(binary.operator(), left, right));
      case "in" -> BooleanNode.valueOf(contains(right, left));
      default -> throw new ExpressionException("unknown operator " + binary.operator());
    };
  }

  private static boolean compare(String operator, JsonNode left, JsonNode right) {
    int order;
    if (left.isTextual() && right.isTextual()) {
      order = left.textValue().compareTo(right.textValue());
    } else {
      double a = Values.toNumber(left);
      double b = Values.toNumber(right);
      if (Double.isNaN(a) || Double.isNaN(b)) {
        return false;
      }
      order = Double.compare(a, b);
    }
    return switch (operator) {
      case "<" -> order < 0;
      case ">" -> order > 0;
      case "<=" -> order <= 0;
      default -> order >= 0;
    };
  }

  private static boolean contains(JsonNode container, JsonNode item) {
    if (container.isArray()) {
      for (JsonNode element : container) {
        if (Values.strictlyEqual(element, item)) {
          return true;
        }
      }
      return false;
    }
    if (container.isObject()) {
      return container.has(Values.text(item));
    }
    if (container.isTextual()) {
      return container.textValue().contains(Values.text(item));
    }
    throw new ExpressionException("cannot look for a value in " + Values.text(container));
  }

  private JsonNode call(Node.Call call, Scope scope) {
    if (!call.name().equals("range")) {
      throw new ExpressionException("unknown function '" + call.name() + "': only range() may be called");
    }
    List<Double> arguments = new ArrayList<>();
    for (Node argument : call.arguments()) {
      arguments.add(Values.toNumber(evaluate(argument, scope)));
    }
    double start = arguments.size() > 1 ? arguments.get(0) : 0;
    double stop = arguments.isEmpty() ? 0 : arguments.size() > 1 ? arguments.get(1) : arguments.get(0);
    double step = arguments.size() > 2 ? arguments.get(2) : 1;
    if (step == 0 || Double.isNaN(start) || Double.isNaN(stop) || Double.isNaN(step)) {
      throw new ExpressionException("range() needs numbers and a step other than 0");
    }
    if (Math.ceil((stop - start) / step) > Budget.MAX_RANGE) {
      throw new ExpressionException("range() would produce more than " + Budget.MAX_RANGE + " items");
    }
    ArrayNode items = JsonNodeFactory.instance.arrayNode();
    for (double i = start; step > 0 ? i < stop : i > stop; i += step) {
      budget.step();
      items.add(Values.numberNode(i));
    }
    return items;
  }

  private static boolean test(String test, JsonNode value) {
    return switch (test) {
      case "defined" -> !Values.isUndefined(value);
      case "undefined" -> Values.isUndefined(value);
      case "none", "null" -> value.isNull();
      case "string" -> value.isTextual();
      case "number" -> value.isNumber();
      case "truthy" -> Values.truthy(value);
      case "falsy" -> !Values.truthy(value);
      case "mapping" -> value.isObject();
      case "iterable" -> value.isArray() || value.isTextual();
      default -> throw new ExpressionException("unknown test '" + test + "'");
    };
  }
}
