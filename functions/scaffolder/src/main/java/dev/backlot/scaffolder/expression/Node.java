package dev.backlot.scaffolder.expression;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** A parsed expression. There are no method calls and no assignments: only lookups, operators and filters. */
sealed interface Node {
  record Literal(JsonNode value) implements Node {}

  record Name(String name) implements Node {}

  /** {@code target.name} or {@code target[key]}. */
  record Lookup(Node target, Node key) implements Node {}

  record ListOf(List<Node> items) implements Node {}

  record DictOf(List<Node> keys, List<Node> values) implements Node {}

  record Unary(String operator, Node operand) implements Node {}

  record Binary(String operator, Node left, Node right) implements Node {}

  /** {@code then if condition else otherwise}; {@code otherwise} null when absent. */
  record Conditional(Node condition, Node then, Node otherwise) implements Node {}

  /** {@code input | name(arguments)}. */
  record Filter(String name, Node input, List<Node> arguments) implements Node {}

  /** {@code name(arguments)}: only the globals Nunjucks offers templates ({@code range}). */
  record Call(String name, List<Node> arguments) implements Node {}

  /** {@code value is test}, {@code value is not test}. */
  record Test(Node value, String test, boolean negated) implements Node {}
}
