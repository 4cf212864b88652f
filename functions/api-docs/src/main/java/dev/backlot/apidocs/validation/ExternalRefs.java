package dev.backlot.apidocs.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * Finds {@code $ref}s that point outside the document. They are kept as written and never
 * fetched; a warning tells the author that readers of the stored version will not see them.
 */
final class ExternalRefs {
  private static final int MAX_WARNINGS = 50;

  private ExternalRefs() {}

  static void warn(JsonNode document, List<Problem> warnings) {
    walk(document, "", warnings);
  }

  private static void walk(JsonNode node, String path, List<Problem> warnings) {
    if (warnings.size() >= MAX_WARNINGS) {
      return;
    }
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        String at = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
        JsonNode value = field.getValue();
        if (field.getKey().equals("$ref") && value.isTextual() && !value.asText().startsWith("#")) {
          warnings.add(new Problem("External $ref is not resolved (never fetched): " + value.asText(), at));
        } else {
          walk(value, at, warnings);
        }
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walk(node.get(i), path + "[" + i + "]", warnings);
      }
    }
  }
}
