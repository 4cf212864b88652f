package dev.backlot.scaffolder.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.backlot.platform.http.Json;
import dev.backlot.scaffolder.actions.TemplateFiles;
import dev.backlot.scaffolder.template.InvalidTemplateException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * Backstage's {@code {$text: path}}, {@code {$json: path}} and {@code {$yaml: path}} in a dry run's
 * template, read from the files the request sends. Templates from the catalog have them resolved
 * already: the catalog replaces them when it reads the template's file.
 */
final class Placeholders {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private Placeholders() {}

  static JsonNode resolve(JsonNode node, TemplateFiles files) {
    JsonNode replacement = replacement(node, files);
    if (replacement != null) {
      return replacement;
    }
    if (node instanceof ObjectNode object) {
      for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        field.setValue(resolve(field.getValue(), files));
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        array.set(i, resolve(array.get(i), files));
      }
    }
    return node;
  }

  private static JsonNode replacement(JsonNode node, TemplateFiles files) {
    if (!(node instanceof ObjectNode object) || object.size() != 1) {
      return null;
    }
    String key = object.fieldNames().next();
    if (!key.equals("$text") && !key.equals("$json") && !key.equals("$yaml")) {
      return null;
    }
    String path = object.get(key).asText();
    byte[] content = files.file(path);
    try {
      return switch (key) {
        case "$text" -> TextNode.valueOf(new String(content, StandardCharsets.UTF_8));
        case "$json" -> Json.MAPPER.readTree(content);
        default -> YAML.readTree(content);
      };
    } catch (IOException e) {
      throw new InvalidTemplateException("Placeholder " + key + " could not read " + path + ": " + e.getMessage());
    }
  }
}
