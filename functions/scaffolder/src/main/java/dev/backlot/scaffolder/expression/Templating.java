package dev.backlot.scaffolder.expression;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import java.util.Map;

/**
 * Backstage's templating with Nunjucks semantics, sandboxed: texts with {@code ${{ }}} and
 * {@code {% %}}, and step inputs, where a string that is one whole {@code ${{ expression }}} keeps
 * the expression's type (object, array, number, boolean) and an undefined one drops the key.
 * Every call has its own {@link Budget}.
 */
public final class Templating {
  private Templating() {}

  /** {@code template} rendered as text over {@code context}. */
  public static String renderText(String template, JsonNode context) {
    List<Segment> segments = TemplateParser.parse(template);
    StringBuilder out = new StringBuilder();
    Budget budget = new Budget();
    write(segments, Scope.of(context), new Evaluator(budget), budget, out);
    return out.toString();
  }

  /** One string of a step's input: a whole expression keeps its type, anything else renders as text. */
  public static JsonNode renderValue(String value, JsonNode context) {
    List<Segment> segments = TemplateParser.parse(value.strip());
    if (segments.size() == 1 && segments.get(0) instanceof Segment.Output output) {
      Budget budget = new Budget();
      return new Evaluator(budget).evaluate(output.expression(), Scope.of(context));
    }
    if (segments.stream().allMatch(s -> s instanceof Segment.Text)) {
      return TextNode.valueOf(value);
    }
    return TextNode.valueOf(renderText(value, context));
  }

  /** One expression, without delimiters ({@code parameters.name | upper}). */
  public static JsonNode evaluate(String expression, JsonNode context) {
    return new Evaluator(new Budget()).evaluate(Parser.parse(expression), Scope.of(context));
  }

  /**
   * Every string in {@code input} rendered; keys stay as written. {@code onError} learns the
   * dotted path of the failing value first, so that errors name the input key.
   */
  public static JsonNode renderInput(JsonNode input, JsonNode context, String path) {
    if (input.isTextual()) {
      try {
        return renderValue(input.textValue(), context);
      } catch (ExpressionException e) {
        throw new ExpressionException("input '" + path + "': " + e.getMessage() + " in '" + input.textValue() + "'");
      }
    }
    if (input.isArray()) {
      ArrayNode rendered = JsonNodeFactory.instance.arrayNode();
      for (int i = 0; i < input.size(); i++) {
        JsonNode item = renderInput(input.get(i), context, path + "[" + i + "]");
        rendered.add(Values.isUndefined(item) ? JsonNodeFactory.instance.nullNode() : item);
      }
      return rendered;
    }
    if (input.isObject()) {
      ObjectNode rendered = JsonNodeFactory.instance.objectNode();
      for (Map.Entry<String, JsonNode> entry : input.properties()) {
        JsonNode value = renderInput(entry.getValue(), context, path.isEmpty() ? entry.getKey() : path + "." + entry.getKey());
        if (!Values.isUndefined(value)) {
          rendered.set(entry.getKey(), value);
        }
      }
      return rendered;
    }
    return input;
  }

  private static void write(List<Segment> segments, Scope scope, Evaluator evaluator, Budget budget, StringBuilder out) {
    for (Segment segment : segments) {
      budget.step();
      switch (segment) {
        case Segment.Text text -> out.append(text.text());
        case Segment.Output output -> out.append(Values.text(evaluator.evaluate(output.expression(), scope)));
        case Segment.If block -> {
          for (Segment.Branch branch : block.branches()) {
            if (branch.condition() == null || Values.truthy(evaluator.evaluate(branch.condition(), scope))) {
              write(branch.body(), scope, evaluator, budget, out);
              break;
            }
          }
        }
        case Segment.For loop -> loop(loop, scope, evaluator, budget, out);
      }
      Budget.checkLength(out.length());
    }
  }

  private static void loop(Segment.For loop, Scope scope, Evaluator evaluator, Budget budget, StringBuilder out) {
    JsonNode iterable = evaluator.evaluate(loop.iterable(), scope);
    int size = iterable.isArray() || iterable.isObject() ? iterable.size() : 0;
    if (size == 0) {
      write(loop.otherwise(), scope, evaluator, budget, out);
      return;
    }
    int index = 0;
    var entries = iterable.isObject() ? iterable.properties().iterator() : null;
    for (int i = 0; i < size; i++) {
      Scope inner = scope.child();
      if (entries != null) {
        Map.Entry<String, JsonNode> entry = entries.next();
        inner.set(loop.names().get(0), TextNode.valueOf(entry.getKey()));
        if (loop.names().size() > 1) {
          inner.set(loop.names().get(1), entry.getValue());
        }
      } else if (loop.names().size() > 1) {
        for (int n = 0; n < loop.names().size(); n++) {
          inner.set(loop.names().get(n), Evaluator.lookup(iterable.get(i), Values.numberNode(n)));
        }
      } else {
        inner.set(loop.names().get(0), iterable.get(i));
      }
      ObjectNode meta = JsonNodeFactory.instance.objectNode();
      meta.put("index", index + 1).put("index0", index).put("first", index == 0).put("last", index == size - 1).put("length", size);
      inner.set("loop", meta);
      write(loop.body(), inner, evaluator, budget, out);
      index++;
    }
  }
}
