package dev.backlot.platform.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;

/** Reads one config file safely and applies Backstage's per-file transforms. */
final class ConfigFileReader {
  private static final Pattern VARIABLE = Pattern.compile("\\$(\\$)?\\{([^{}]*)}");
  private static final ObjectMapper YAML = new ObjectMapper(safeYaml());

  private final Function<String, String> environment;

  ConfigFileReader(Function<String, String> environment) {
    this.environment = environment;
  }

  static YAMLFactory safeYaml() {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(50);
    options.setNestingDepthLimit(100);
    options.setCodePointLimit(3 * 1024 * 1024);
    options.setAllowDuplicateKeys(false);
    return YAMLFactory.builder().loaderOptions(options).build();
  }

  JsonNode read(Path file) {
    JsonNode root;
    try {
      String text = Files.readString(file);
      rejectAliasesAndTags(text, file);
      root = YAML.readTree(text);
    } catch (JsonProcessingException e) {
      throw new ConfigException("Invalid YAML in " + file + " at line " + e.getLocation().getLineNr() + ": " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new ConfigException("Cannot read " + file + ": " + e.getMessage(), e);
    } catch (ConfigException e) {
      throw e;
    } catch (RuntimeException e) {
      // SnakeYAML's own limits (aliases, depth, size) surface as unchecked exceptions.
      throw new ConfigException("Invalid YAML in " + file + ": " + e.getMessage(), e);
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return null;
    }
    if (!root.isObject()) {
      throw new ConfigException("Invalid config in " + file + ": the top level must be a mapping");
    }
    return transform(root, file, "");
  }

  /**
   * Jackson reads a YAML alias as its anchor's name and ignores tags, which would silently turn
   * {@code *defaults} or {@code !!binary} into plain strings: refuse both with a clear error.
   */
  private static void rejectAliasesAndTags(String text, Path file) throws IOException {
    try (YAMLParser parser = (YAMLParser) YAML.getFactory().createParser(text)) {
      while (parser.nextToken() != null) {
        if (parser.isCurrentAlias()) {
          throw new ConfigException("Invalid YAML in " + file + " at line " + parser.currentLocation().getLineNr()
              + ": aliases (*" + parser.getText() + ") are not supported in config");
        }
        Object tag = parser.getTypeId();
        if (tag != null) {
          throw new ConfigException("Invalid YAML in " + file + " at line " + parser.currentLocation().getLineNr()
              + ": tags (" + tag + ") are not supported in config");
        }
      }
    }
  }

  /** The transformed value, or null when it becomes absent (an unset {@code ${VAR}}). */
  private JsonNode transform(JsonNode node, Path file, String key) {
    if (node.isTextual()) {
      return substitute(node.asText(), file, key);
    }
    if (node.isArray()) {
      ArrayNode result = ((ArrayNode) node).arrayNode();
      for (int i = 0; i < node.size(); i++) {
        JsonNode item = transform(node.get(i), file, key + "[" + i + "]");
        if (item != null) {
          result.add(item);
        }
      }
      return result;
    }
    if (!node.isObject()) {
      return node;
    }
    ObjectNode object = (ObjectNode) node;
    List<String> directives = new ArrayList<>();
    object.fieldNames().forEachRemaining(name -> {
      if (name.startsWith("$")) {
        directives.add(name);
      }
    });
    if (!directives.isEmpty()) {
      if (object.size() != 1) {
        throw new ConfigException("Invalid config at '" + key + "' in " + file
            + ": a " + directives.get(0) + " directive must be the only key of its mapping");
      }
      return directive(directives.get(0), object.get(directives.get(0)), file, key);
    }
    ObjectNode result = object.objectNode();
    for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode value = transform(field.getValue(), file, key.isEmpty() ? field.getKey() : key + "." + field.getKey());
      if (value != null) {
        result.set(field.getKey(), value);
      }
    }
    return result;
  }

  private JsonNode directive(String name, JsonNode value, Path file, String key) {
    switch (name) {
      case "$env" -> {
        String variable = requireText(name, value, file, key);
        String found = environment.apply(variable);
        return found == null ? null : TextNode.valueOf(found);
      }
      case "$file" -> {
        Path target = relative(file, requireText(name, value, file, key));
        try {
          return TextNode.valueOf(Files.readString(target));
        } catch (IOException e) {
          throw new ConfigException("Cannot read " + target + " for $file at '" + key + "' in " + file, e);
        }
      }
      case "$include" -> {
        Path target = relative(file, requireText(name, value, file, key));
        if (!Files.isRegularFile(target)) {
          throw new ConfigException("Cannot read " + target + " for $include at '" + key + "' in " + file);
        }
        JsonNode included = read(target);
        return included == null ? null : included;
      }
      case "$secret" -> {
        // Resolved after all layers merge, so overridden layers never fetch their secrets.
        SecretReference.of(value.isNull() ? null : wrap(value), key);
        return wrap(value);
      }
      default -> throw new ConfigException("Unknown config directive " + name + " at '" + key + "' in " + file);
    }
  }

  private static ObjectNode wrap(JsonNode secret) {
    ObjectNode node = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    node.set("$secret", secret);
    return node;
  }

  private static String requireText(String directive, JsonNode value, Path file, String key) {
    if (!value.isTextual() || value.asText().isBlank()) {
      throw new ConfigException("Invalid " + directive + " at '" + key + "' in " + file + ": expected a string");
    }
    return value.asText();
  }

  private static Path relative(Path file, String target) {
    Path parent = file.toAbsolutePath().getParent();
    return parent.resolve(target).normalize();
  }

  /** Backstage: any unset variable makes the whole value absent; {@code $${} is a literal {@code ${}. */
  private JsonNode substitute(String text, Path file, String key) {
    if (!text.contains("${")) {
      return TextNode.valueOf(text);
    }
    Matcher matcher = VARIABLE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      if (matcher.group(1) != null) {
        matcher.appendReplacement(out, Matcher.quoteReplacement("${" + matcher.group(2) + "}"));
        continue;
      }
      String variable = matcher.group(2).trim();
      if (variable.isEmpty()) {
        throw new ConfigException("Invalid substitution '${}' at '" + key + "' in " + file);
      }
      String value = environment.apply(variable);
      if (value == null) {
        return null;
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(out);
    return TextNode.valueOf(out.toString());
  }
}
