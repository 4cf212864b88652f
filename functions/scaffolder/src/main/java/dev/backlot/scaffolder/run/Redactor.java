package dev.backlot.scaffolder.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.platform.http.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Hides the task's secrets in everything the task writes down (log lines, error messages, the
 * output): each secret value, as written and as JSON would quote it, becomes {@code ***}.
 */
public final class Redactor {
  private final List<String> values = new ArrayList<>();

  public Redactor(JsonNode secrets) {
    collect(secrets);
    values.sort(Comparator.comparingInt(String::length).reversed());
  }

  private void collect(JsonNode node) {
    if (node == null) {
      return;
    }
    if (node.isContainerNode()) {
      node.forEach(this::collect);
    } else if (!node.isNull() && !node.asText().isEmpty()) {
      values.add(node.asText());
      String quoted = node.toString();
      if (quoted.length() > 2 && node.isTextual()) {
        values.add(quoted.substring(1, quoted.length() - 1));
      }
    }
  }

  /** Every string in {@code json} redacted (keys included). */
  public ObjectNode redact(ObjectNode json) {
    try {
      return (ObjectNode) Json.MAPPER.readTree(redact(json.toString()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("redacting broke the JSON of an output", e);
    }
  }

  public String redact(String text) {
    if (text == null) {
      return null;
    }
    String out = text;
    for (String value : values) {
      out = out.replace(value, "***");
    }
    return out;
  }
}
