package dev.backlot.catalog.ingestion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.backlot.catalog.model.EntityDocuments;
import dev.backlot.catalog.model.InvalidEntityException;
import dev.backlot.platform.http.Json;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Backstage's placeholders: {@code {$text: path}}, {@code {$json: path}} and {@code {$yaml: path}}
 * are replaced by what the path, relative to the entity's own file, holds; {@link PlaceholderReader}
 * bounds where they may read.
 */
final class Placeholders {
  private Placeholders() {}

  static void resolve(JsonNode node, LocationSpec location, PlaceholderReader reader) {
    if (node instanceof ObjectNode object) {
      for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        JsonNode replacement = replacement(field.getValue(), location, reader);
        if (replacement != null) {
          field.setValue(replacement);
        } else {
          resolve(field.getValue(), location, reader);
        }
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        JsonNode replacement = replacement(array.get(i), location, reader);
        if (replacement != null) {
          array.set(i, replacement);
        } else {
          resolve(array.get(i), location, reader);
        }
      }
    }
  }

  private static JsonNode replacement(JsonNode node, LocationSpec location, PlaceholderReader reader) {
    if (!(node instanceof ObjectNode object) || object.size() != 1) {
      return null;
    }
    String key = object.fieldNames().next();
    if (!List.of("$text", "$json", "$yaml").contains(key)) {
      return null;
    }
    if (!object.get(key).isTextual()) {
      throw new InvalidEntityException(location.key() + ": placeholder " + key + " must name a path or URL");
    }
    String value = object.get(key).asText();
    String target = value;
    String text;
    try {
      target = reader.target(location, value);
      text = reader.read(location, target);
    } catch (IOException | RuntimeException e) {
      // A value that is no path or URL fails its entity alone, as an unreadable one does.
      throw new InvalidEntityException(location.key() + ": placeholder " + key + " could not read " + target + ": " + e.getMessage());
    }
    return switch (key) {
      case "$text" -> TextNode.valueOf(text);
      case "$json" -> {
        try {
          yield Json.MAPPER.readTree(text);
        } catch (IOException e) {
          throw new InvalidEntityException(location.key() + ": $json " + target + " is not valid JSON");
        }
      }
      default -> {
        List<?> documents = EntityDocuments.parse(text, target);
        yield documents.isEmpty() ? null : (JsonNode) documents.get(0);
      }
    };
  }
}
