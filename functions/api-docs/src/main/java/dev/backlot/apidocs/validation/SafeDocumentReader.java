package dev.backlot.apidocs.validation;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a YAML or JSON definition into a tree within {@link Limits}. Every definition passes here
 * before any library sees it, so the parsers behind (swagger-parser, openapi-diff) only ever get
 * plain JSON without aliases, of bounded size and depth.
 */
final class SafeDocumentReader {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final Limits limits;
  private final ObjectMapper json;

  SafeDocumentReader(Limits limits) {
    this.limits = limits;
    this.json = new ObjectMapper(JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(limits.maxDepth()).build())
        .build());
  }

  /** The document as an object tree; anything else is an {@link UnreadableDefinitionException}. */
  JsonNode read(byte[] content) {
    if (content.length > limits.maxBytes()) {
      throw new UnreadableDefinitionException("Definition is larger than the limit of " + limits.maxBytes() + " bytes", null);
    }
    String text = new String(content, StandardCharsets.UTF_8);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    String start = text.stripLeading();
    JsonNode tree = start.startsWith("{") || start.startsWith("[") ? readJson(text) : readYaml(text);
    if (!tree.isObject()) {
      throw new UnreadableDefinitionException("Definition must be a YAML or JSON object", null);
    }
    return tree;
  }

  private JsonNode readJson(String text) {
    try {
      return json.readTree(text);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new UnreadableDefinitionException("Invalid JSON: " + e.getOriginalMessage(),
          at == null ? null : "line " + at.getLineNr() + ", column " + at.getColumnNr());
    }
  }

  private JsonNode readYaml(String text) {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(limits.maxAliases());
    options.setAllowRecursiveKeys(false);
    options.setNestingDepthLimit(limits.maxDepth());
    options.setCodePointLimit((int) Math.min(Integer.MAX_VALUE, limits.maxBytes()));
    Object document;
    try {
      document = new Yaml(new SafeConstructor(options)).load(text);
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark();
      throw new UnreadableDefinitionException("Invalid YAML: " + e.getProblem(),
          mark == null ? null : "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1));
    } catch (YAMLException e) {
      throw new UnreadableDefinitionException("Invalid YAML: " + e.getMessage(), null);
    }
    if (document == null) {
      throw new UnreadableDefinitionException("Definition is empty", null);
    }
    return new Expansion().tree(document, 0);
  }

  /**
   * Copies the YAML object graph into a tree. Aliases make the graph share (or even contain)
   * itself, so the copy counts every node it makes and stops at the limits rather than expanding
   * a few kilobytes into gigabytes.
   */
  private final class Expansion {
    private long nodes;

    JsonNode tree(Object value, int depth) {
      if (++nodes > limits.maxNodes()) {
        throw new UnreadableDefinitionException("Definition expands to more than " + limits.maxNodes()
            + " values (YAML aliases?)", null);
      }
      if (depth > limits.maxDepth()) {
        throw new UnreadableDefinitionException("Definition is nested deeper than " + limits.maxDepth() + " levels", null);
      }
      return switch (value) {
        case null -> NODES.nullNode();
        case Map<?, ?> map -> {
          ObjectNode object = NODES.objectNode();
          map.forEach((k, v) -> object.set(String.valueOf(k), tree(v, depth + 1)));
          yield object;
        }
        case List<?> list -> {
          ArrayNode array = NODES.arrayNode();
          list.forEach(item -> array.add(tree(item, depth + 1)));
          yield array;
        }
        case String s -> NODES.textNode(s);
        case Boolean b -> NODES.booleanNode(b);
        case Integer i -> NODES.numberNode(i);
        case Long l -> NODES.numberNode(l);
        case BigInteger b -> NODES.numberNode(b);
        case Double d -> NODES.numberNode(d);
        case BigDecimal d -> NODES.numberNode(d);
        case Date date -> NODES.textNode(date.toInstant().toString());
        case byte[] bytes -> NODES.binaryNode(bytes);
        default -> NODES.textNode(value.toString());
      };
    }
  }

  /** The tree as compact JSON, the form handed to the parsers behind. */
  String toJson(JsonNode tree) {
    try {
      return json.writeValueAsString(tree);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write a tree read moments ago", e);
    }
  }
}
