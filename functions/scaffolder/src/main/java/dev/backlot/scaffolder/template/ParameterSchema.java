package dev.backlot.scaffolder.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What {@code GET /v2/templates/:namespace/:kind/:name/parameter-schema} answers, in Backstage's
 * shape: the template's title, description and {@code ui:options}, and one step per parameter page
 * with its title, description and schema (presentation and form decorators when the template has them).
 */
public final class ParameterSchema {
  static final String DEFAULT_PAGE_TITLE = "Please enter the following information";

  private ParameterSchema() {}

  public static ObjectNode of(Template template) {
    JsonNode metadata = template.entity().path("metadata");
    JsonNode spec = template.entity().path("spec");
    ObjectNode answer = JsonNodeFactory.instance.objectNode();
    answer.put("title", metadata.hasNonNull("title") ? metadata.get("title").asText() : template.name());
    if (metadata.hasNonNull("description")) {
      answer.set("description", metadata.get("description"));
    }
    if (metadata.has("ui:options")) {
      answer.set("ui:options", metadata.get("ui:options"));
    }
    if (spec.has("presentation")) {
      answer.set("presentation", spec.get("presentation"));
    }
    ArrayNode steps = answer.putArray("steps");
    for (ObjectNode page : template.parameterPages()) {
      ObjectNode step = steps.addObject();
      step.put("title", page.hasNonNull("title") ? page.get("title").asText() : DEFAULT_PAGE_TITLE);
      if (page.hasNonNull("description")) {
        step.set("description", page.get("description"));
      }
      step.set("schema", page);
    }
    if (spec.has("EXPERIMENTAL_formDecorators")) {
      answer.set("EXPERIMENTAL_formDecorators", spec.get("EXPERIMENTAL_formDecorators"));
    }
    return answer;
  }
}
