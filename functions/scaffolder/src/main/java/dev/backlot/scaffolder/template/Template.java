package dev.backlot.scaffolder.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A {@code kind: Template}, {@code apiVersion: scaffolder.backstage.io/v1beta3} entity as Backstage
 * reads it: {@code spec.parameters} one schema or a list of pages, {@code spec.steps},
 * {@code spec.output}; the entity itself is kept for everything else ({@code metadata},
 * {@code spec.owner}, {@code spec.type}, {@code spec.presentation}).
 */
public record Template(ObjectNode entity, List<ObjectNode> parameterPages, List<Step> steps, JsonNode output) {
  public static final String API_VERSION = "scaffolder.backstage.io/v1beta3";

  public static Template from(JsonNode entity) {
    if (entity == null || !entity.isObject()) {
      throw new InvalidTemplateException("the template must be an object");
    }
    if (!API_VERSION.equals(entity.path("apiVersion").asText())) {
      throw new InvalidTemplateException("Unsupported apiVersion field in schema entity, " + entity.path("apiVersion").asText()
          + "; only " + API_VERSION + " templates run");
    }
    if (!"Template".equals(entity.path("kind").asText())) {
      throw new InvalidTemplateException("the entity's kind is " + entity.path("kind").asText() + ", not Template");
    }
    JsonNode spec = entity.path("spec");
    return new Template((ObjectNode) entity, pages(spec.path("parameters")), steps(spec.path("steps")),
        spec.path("output").isObject() ? spec.get("output") : JsonNodeFactory.instance.objectNode());
  }

  public String name() {
    return entity.path("metadata").path("name").asText();
  }

  public String namespace() {
    return entity.path("metadata").path("namespace").asText("default");
  }

  /** {@code template:<namespace>/<name>}. */
  public String ref() {
    return "template:" + namespace() + "/" + name();
  }

  private static List<ObjectNode> pages(JsonNode parameters) {
    List<ObjectNode> pages = new ArrayList<>();
    if (parameters.isMissingNode() || parameters.isNull()) {
      return pages;
    }
    // One schema or a list of pages: Backstage flattens [parameters] one level.
    for (JsonNode page : parameters.isArray() ? parameters : List.of(parameters)) {
      if (!page.isObject()) {
        throw new InvalidTemplateException("spec.parameters must be a JSON Schema object or a list of them");
      }
      pages.add((ObjectNode) page);
    }
    return pages;
  }

  private static List<Step> steps(JsonNode steps) {
    if (steps.isMissingNode() || steps.isNull()) {
      return List.of();
    }
    if (!steps.isArray()) {
      throw new InvalidTemplateException("spec.steps must be a list");
    }
    List<Step> parsed = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < steps.size(); i++) {
      JsonNode step = steps.get(i);
      String action = step.path("action").asText("");
      if (!step.isObject() || action.isBlank()) {
        throw new InvalidTemplateException("spec.steps[" + i + "] needs an action");
      }
      String id = step.hasNonNull("id") ? step.get("id").asText() : "step-" + i;
      if (!ids.add(id)) {
        throw new InvalidTemplateException("spec.steps[" + i + "]: the id '" + id + "' is used twice");
      }
      JsonNode input = step.path("input");
      parsed.add(new Step(id, step.hasNonNull("name") ? step.get("name").asText() : id, action,
          input.isObject() ? input : JsonNodeFactory.instance.objectNode(),
          step.has("if") ? step.get("if") : null, step.hasNonNull("each") ? step.get("each") : null));
    }
    return parsed;
  }
}
