package dev.backlot.scaffolder.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.scaffolder.template.Template;

/**
 * A task's spec as Backstage stores it ({@code apiVersion}, {@code steps}, {@code output},
 * {@code parameters}, {@code user}, {@code templateInfo}), and the template it runs, rebuilt from
 * it: a task runs the template as it was when the task was created.
 */
public final class TaskSpecs {
  private TaskSpecs() {}

  public static ObjectNode of(Template template, JsonNode values, JsonNode user) {
    ObjectNode spec = JsonNodeFactory.instance.objectNode();
    JsonNode templateSpec = template.entity().path("spec");
    spec.put("apiVersion", Template.API_VERSION);
    spec.set("steps", templateSpec.path("steps").isArray() ? templateSpec.get("steps") : JsonNodeFactory.instance.arrayNode());
    spec.set("output", template.output());
    spec.set("parameters", values);
    spec.set("user", user);
    ObjectNode info = spec.putObject("templateInfo");
    info.put("entityRef", template.ref());
    String location = template.entity().path("metadata").path("annotations").path("backstage.io/managed-by-location").asText("");
    if (location.startsWith("url:")) {
      // The folder of the template's file, as Backstage's templateInfo.baseUrl: fetch actions resolve against it.
      String url = location.substring("url:".length());
      info.put("baseUrl", url.substring(0, url.lastIndexOf('/') + 1));
    }
    info.putObject("entity").set("metadata", template.entity().path("metadata"));
    return spec;
  }

  public static Template template(JsonNode spec) {
    ObjectNode entity = JsonNodeFactory.instance.objectNode();
    entity.put("apiVersion", Template.API_VERSION).put("kind", "Template");
    entity.set("metadata", spec.path("templateInfo").path("entity").path("metadata"));
    ObjectNode templateSpec = entity.putObject("spec");
    templateSpec.set("steps", spec.path("steps"));
    templateSpec.set("output", spec.path("output"));
    return Template.from(entity);
  }
}
