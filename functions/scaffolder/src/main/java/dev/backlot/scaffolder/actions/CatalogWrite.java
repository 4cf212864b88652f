package dev.backlot.scaffolder.actions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.nio.charset.StandardCharsets;

/** {@code catalog:write}: the entity written as YAML to {@code filePath} (catalog-info.yaml by default). */
final class CatalogWrite extends DescribedAction {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS));
  private static final ObjectNode INPUT = Schemas.of("""
      {"type": "object", "required": ["entity"], "properties": {
        "filePath": {"type": "string", "title": "Catalog file path", "description": "Defaults to catalog-info.yaml"},
        "entity": {"type": "object", "title": "Entity info to write catalog-info.yaml", "description": "You can provide the same values used in the Entity schema."}
      }}""");

  CatalogWrite() {
    super("catalog:write",
        "Writes the catalog-info.yaml for your template", INPUT);
  }

  @Override
  public void run(ActionContext context) throws JsonProcessingException {
    String path = context.string("filePath", "catalog-info.yaml");
    context.log("Writing " + path);
    context.workspace().write(context.workspace().resolve(path),
        YAML.writeValueAsString(context.input().get("entity")).getBytes(StandardCharsets.UTF_8));
  }
}
