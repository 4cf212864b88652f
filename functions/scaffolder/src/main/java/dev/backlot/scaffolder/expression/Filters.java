package dev.backlot.scaffolder.expression;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The filters templates use: Backstage's four ({@code parseRepoUrl}, {@code parseEntityRef},
 * {@code pick}, {@code projectSlug}) and Nunjucks' built-ins. Each works on JSON values only and
 * checks the length of what it builds.
 */
final class Filters {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper INDENTED = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Filters() {}

  static JsonNode apply(String name, JsonNode input, List<JsonNode> arguments, Budget budget) {
    return switch (name) {
      case "parseRepoUrl" -> BackstageFilters.parseRepoUrl(Values.text(input));
      case "parseEntityRef" -> BackstageFilters.parseEntityRef(Values.text(input), argument(arguments, 0));
      case "pick" -> BackstageFilters.pick(input, Values.text(argument(arguments, 0)));
      case "projectSlug" -> BackstageFilters.projectSlug(Values.text(input));
      case "default", "d" -> {
        boolean falsy = arguments.size() > 1 && Values.truthy(arguments.get(1));
        yield (falsy ? !Values.truthy(input) : Values.isUndefined(input)) ? argument(arguments, 0) : input;
      }
      case "lower" -> TextNode.valueOf(Values.text(input).toLowerCase(Locale.ROOT));
      case "upper" -> TextNode.valueOf(Values.text(input).toUpperCase(Locale.ROOT));
      case "capitalize" -> {
        String s = Values.text(input).toLowerCase(Locale.ROOT);
        yield TextNode.valueOf(s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1));
      }
      case "title" -> TextNode.valueOf(title(Values.text(input)));
      case "trim" -> TextNode.valueOf(Values.text(input).strip());
      case "replace" -> replace(input, arguments);
      case "join" -> join(input, arguments);
      case "length" -> Values.numberNode(length(input));
      case "first" -> input.isArray() ? (input.isEmpty() ? Values.UNDEFINED : input.get(0))
          : Values.text(input).isEmpty() ? Values.UNDEFINED : TextNode.valueOf(Values.text(input).substring(0, 1));
      case "last" -> input.isArray() ? (input.isEmpty() ? Values.UNDEFINED : input.get(input.size() - 1))
          : Values.text(input).isEmpty() ? Values.UNDEFINED : TextNode.valueOf(Values.text(input).substring(Values.text(input).length() - 1));
      case "dump" -> TextNode.valueOf(Budget.checked(dump(input, !arguments.isEmpty() && Values.truthy(arguments.get(0)))));
      case "string" -> TextNode.valueOf(Values.text(input));
      case "int" -> {
        double d = Values.toNumber(input);
        yield Double.isNaN(d) ? (arguments.isEmpty() ? Values.numberNode(0) : arguments.get(0)) : Values.numberNode((long) d);
      }
      case "float" -> {
        double d = Values.toNumber(input);
        yield Double.isNaN(d) ? (arguments.isEmpty() ? Values.numberNode(0) : arguments.get(0)) : Values.numberNode(d);
      }
      case "abs" -> Values.numberNode(Math.abs(Values.toNumber(input)));
      case "round" -> {
        double factor = Math.pow(10, arguments.isEmpty() ? 0 : Values.toNumber(arguments.get(0)));
        yield Values.numberNode(Math.round(Values.toNumber(input) * factor) / factor);
      }
      case "reverse" -> reverse(input);
      case "sort" -> sort(input, arguments.size() > 0 && Values.truthy(arguments.get(0)));
      case "list" -> list(input);
      case "safe", "escape", "e" -> name.equals("safe") ? input : TextNode.valueOf(escape(Values.text(input)));
      case "truncate" -> truncate(Values.text(input), arguments);
      case "urlencode" -> TextNode.valueOf(URLEncoder.encode(Values.text(input), StandardCharsets.UTF_8).replace("+", "%20"));
      case "wordcount" -> Values.numberNode(Values.text(input).isBlank() ? 0 : Values.text(input).strip().split("\\s+").length);
      case "indent" -> TextNode.valueOf(indent(Values.text(input), arguments));
      case "center", "striptags", "batch", "groupby", "dictsort", "random", "sum", "selectattr", "rejectattr", "nl2br", "urlize" ->
          throw new ExpressionException("the filter '" + name + "' is not supported yet");
      default -> throw new ExpressionException("unknown filter '" + name + "'");
    };
  }

  private static JsonNode argument(List<JsonNode> arguments, int index) {
    return index < arguments.size() ? arguments.get(index) : Values.UNDEFINED;
  }

  private static String title(String text) {
    StringBuilder out = new StringBuilder(text.length());
    boolean start = true;
    for (char c : text.toCharArray()) {
      out.append(start ? Character.toUpperCase(c) : Character.toLowerCase(c));
      start = Character.isWhitespace(c);
    }
    return out.toString();
  }

  private static JsonNode replace(JsonNode input, List<JsonNode> arguments) {
    String text = Values.text(input);
    String from = Values.text(argument(arguments, 0));
    String to = Values.text(argument(arguments, 1));
    double max = arguments.size() > 2 ? Values.toNumber(arguments.get(2)) : -1;
    if (from.isEmpty()) {
      return TextNode.valueOf(text);
    }
    StringBuilder out = new StringBuilder();
    int at = 0;
    int count = 0;
    while (true) {
      int found = text.indexOf(from, at);
      if (found < 0 || (max >= 0 && count >= max)) {
        break;
      }
      out.append(text, at, found).append(to);
      Budget.checkLength(out.length());
      at = found + from.length();
      count++;
    }
    out.append(text.substring(at));
    return TextNode.valueOf(Budget.checked(out.toString()));
  }

  private static JsonNode join(JsonNode input, List<JsonNode> arguments) {
    if (!input.isArray()) {
      return TextNode.valueOf(Values.text(input));
    }
    String separator = arguments.isEmpty() ? "" : Values.text(arguments.get(0));
    String attribute = arguments.size() > 1 ? Values.text(arguments.get(1)) : null;
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < input.size(); i++) {
      JsonNode item = attribute == null ? input.get(i) : Evaluator.lookup(input.get(i), TextNode.valueOf(attribute));
      out.append(i == 0 ? "" : separator).append(Values.text(item));
      Budget.checkLength(out.length());
    }
    return TextNode.valueOf(out.toString());
  }

  private static double length(JsonNode input) {
    if (input.isArray() || input.isObject()) {
      return input.size();
    }
    return Values.isUndefined(input) || input.isNull() ? 0 : Values.text(input).length();
  }

  static String dump(JsonNode input, boolean indented) {
    if (Values.isUndefined(input)) {
      return "";
    }
    try {
      return (indented ? INDENTED : JSON).writeValueAsString(input);
    } catch (JsonProcessingException e) {
      throw new ExpressionException("cannot write a value as JSON: " + e.getOriginalMessage());
    }
  }

  private static JsonNode reverse(JsonNode input) {
    if (input.isArray()) {
      ArrayNode reversed = JsonNodeFactory.instance.arrayNode();
      for (int i = input.size() - 1; i >= 0; i--) {
        reversed.add(input.get(i));
      }
      return reversed;
    }
    return TextNode.valueOf(new StringBuilder(Values.text(input)).reverse().toString());
  }

  private static JsonNode sort(JsonNode input, boolean reverse) {
    if (!input.isArray()) {
      throw new ExpressionException("sort needs a list");
    }
    List<JsonNode> items = new ArrayList<>();
    input.forEach(items::add);
    items.sort((a, b) -> a.isNumber() && b.isNumber() ? Double.compare(a.doubleValue(), b.doubleValue()) : Values.text(a).compareTo(Values.text(b)));
    if (reverse) {
      java.util.Collections.reverse(items);
    }
    ArrayNode sorted = JsonNodeFactory.instance.arrayNode();
    items.forEach(sorted::add);
    return sorted;
  }

  private static JsonNode list(JsonNode input) {
    if (input.isArray()) {
      return input;
    }
    ArrayNode items = JsonNodeFactory.instance.arrayNode();
    if (input.isTextual()) {
      input.textValue().codePoints().forEach(c -> items.add(new String(Character.toChars(c))));
    } else if (input.isObject()) {
      input.properties().forEach(e -> items.addObject().put("key", e.getKey()).set("value", e.getValue()));
    } else {
      throw new ExpressionException("list needs a string, a list or an object");
    }
    return items;
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
  }

  private static JsonNode truncate(String text, List<JsonNode> arguments) {
    int length = arguments.isEmpty() ? 255 : (int) Values.toNumber(arguments.get(0));
    String end = arguments.size() > 2 ? Values.text(arguments.get(2)) : "...";
    return TextNode.valueOf(text.length() <= length ? text : text.substring(0, Math.max(0, length)) + end);
  }

  private static String indent(String text, List<JsonNode> arguments) {
    int width = arguments.isEmpty() ? 4 : (int) Math.min(Values.toNumber(arguments.get(0)), 100);
    boolean first = arguments.size() > 1 && Values.truthy(arguments.get(1));
    String pad = " ".repeat(Math.max(0, width));
    String[] lines = text.split("\n", -1);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < lines.length; i++) {
      out.append(i == 0 ? "" : "\n").append((i > 0 || first) && !lines[i].isEmpty() ? pad : "").append(lines[i]);
      Budget.checkLength(out.length());
    }
    return out.toString();
  }

  static JsonNode bool(boolean value) {
    return BooleanNode.valueOf(value);
  }
}
