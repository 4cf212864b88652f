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
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads a YAML or JSON definition into a tree within {@link Limits}. Every definition passes here
 * before any library sees it, so the parsers and validators behind (swagger-parser, the JSON
 * Schema validator, the breaking-change rules) only ever get plain JSON without aliases, of
 * bounded size, depth and number of values.
 */
final class SafeDocumentReader {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final Limits limits;
  private final ObjectMapper json;
  private final ValueBudget budget;

  SafeDocumentReader(Limits limits) {
    this.limits = limits;
    this.budget = new ValueBudget(limits);
    this.json = new ObjectMapper(JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(limits.maxDepth()).build())
        .build());
  }

  /** The document as an object tree; anything else is an {@link UnreadableDefinitionException}. */
  JsonNode read(byte[] content) {
    refuseOversized(content);
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

  /** Refuses more bytes than the limit; also for GraphQL SDL, which is not read into a tree. */
  void refuseOversized(byte[] content) {
    if (content.length > limits.maxBytes()) {
      throw new DefinitionTooLargeException("Definition is larger than the limit of " + limits.maxBytes() + " bytes");
    }
  }

  private JsonNode readJson(String text) {
    try {
      budget.checkJson(text, json.getFactory());
      return json.readTree(text);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new UnreadableDefinitionException("Invalid JSON: " + e.getOriginalMessage(),
          at == null ? null : "line " + at.getLineNr() + ", column " + at.getColumnNr());
    } catch (IOException e) {
      throw new IllegalStateException("reading a string failed", e);
    }
  }

  private JsonNode readYaml(String text) {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(limits.maxAliases());
    options.setAllowRecursiveKeys(false);
    options.setNestingDepthLimit(limits.maxDepth());
    options.setCodePointLimit((int) Math.min(Integer.MAX_VALUE, limits.maxBytes()));
    ScalarConstruction scalars = new ScalarConstruction(options);
    try {
      // Counted from the events as they are composed: the tree below is only built once the
      // whole document is within the limits.
      Composer composer = new Composer(budget.counting(new ParserImpl(new StreamReader(text), options)), new Resolver(), options);
      Node document = composer.getSingleNode();
      if (document == null) {
        throw new UnreadableDefinitionException("Definition is empty", null);
      }
      return tree(document, scalars);
    } catch (MarkedYAMLException e) {
      throw new UnreadableDefinitionException("Invalid YAML: " + e.getProblem(), ValueBudget.at(e.getProblemMark()));
    } catch (YAMLException e) {
      throw new UnreadableDefinitionException("Invalid YAML: " + e.getMessage(), null);
    }
  }

  /**
   * Copies the composed YAML nodes into a tree, following aliases: the nodes share what an alias
   * names, the tree repeats it. Plain strings, nearly every scalar of a definition, are copied
   * as they are; every other scalar, and merge keys, take SafeConstructor's rules. Going from
   * nodes to the tree directly, not through SafeConstructor's maps and lists, saved about a
   * tenth of a 3 MB publish. {@link ValueBudget} has counted the result already.
   */
  private static JsonNode tree(Node node, ScalarConstruction scalars) {
    return switch (node) {
      case MappingNode mapping -> {
        scalars.mergeKeys(mapping);
        ObjectNode object = NODES.objectNode();
        for (NodeTuple entry : mapping.getValue()) {
          Node key = entry.getKeyNode();
          String name = key instanceof ScalarNode plain && plain.getTag().equals(Tag.STR)
              ? plain.getValue()
              : String.valueOf(scalars.construct(key));
          object.set(name, tree(entry.getValueNode(), scalars));
        }
        yield object;
      }
      case SequenceNode sequence -> {
        ArrayNode array = NODES.arrayNode();
        for (Node item : sequence.getValue()) {
          array.add(tree(item, scalars));
        }
        yield array;
      }
      case ScalarNode scalar when scalar.getTag().equals(Tag.STR) -> NODES.textNode(scalar.getValue());
      default -> value(scalars.construct(node));
    };
  }

  private static JsonNode value(Object value) {
    return switch (value) {
      case null -> NODES.nullNode();
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

  /** SafeConstructor's rules for one scalar, and for a mapping's merge keys ({@code <<}). */
  private static final class ScalarConstruction extends SafeConstructor {
    ScalarConstruction(LoaderOptions options) {
      super(options);
    }

    Object construct(Node node) {
      return constructObject(node);
    }

    void mergeKeys(MappingNode mapping) {
      flattenMapping(mapping);
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
