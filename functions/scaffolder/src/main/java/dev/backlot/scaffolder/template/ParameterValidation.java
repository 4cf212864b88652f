package dev.backlot.scaffolder.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import com.networknt.schema.resource.SchemaLoader;

/**
 * The task's values against each parameter page, as Backstage validates them before it creates a
 * task; the errors of the first page that fails. A page's {@code $ref} to anything outside it
 * fails to load instead of being fetched.
 */
public final class ParameterValidation {
  /**
   * Draft 7, where a keyword the draft does not know (the form's {@code ui:field}, {@code
   * ui:options}, …) validates nothing, as in Backstage, and is not worth a warning per task.
   */
  private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
      Dialect.builder(Dialects.getDraft7()).unknownKeywordFactory((name, context) -> new NonValidationKeyword(name)).build(),
      builder -> builder.schemaLoader(SchemaLoader.builder().fetchRemoteResources(false).build()));

  private ParameterValidation() {}

  /** Empty when {@code values} pass every page; else Backstage's {@code errors}, each with property, message and stack. */
  public static ArrayNode errors(Template template, JsonNode values) {
    ArrayNode errors = JsonNodeFactory.instance.arrayNode();
    for (ObjectNode page : template.parameterPages()) {
      Schema schema;
      try {
        schema = REGISTRY.getSchema(page);
      } catch (RuntimeException e) {
        throw new InvalidTemplateException("a parameter page is not a valid JSON Schema: " + e.getMessage());
      }
      for (Error error : schema.validate(values)) {
        String property = "instance" + location(error);
        ObjectNode item = errors.addObject();
        item.put("property", property);
        item.put("message", error.getMessage());
        item.put("name", error.getKeyword());
        item.put("stack", property + " " + error.getMessage());
      }
      if (!errors.isEmpty()) {
        return errors;
      }
    }
    return errors;
  }

  private static String location(Error error) {
    StringBuilder at = new StringBuilder();
    var path = error.getInstanceLocation();
    for (int i = 0; i < path.getNameCount(); i++) {
      Object element = path.getElement(i);
      at.append(element instanceof Integer index ? "[" + index + "]" : "." + element);
    }
    if ("required".equals(error.getKeyword()) && error.getProperty() != null) {
      at.append('.').append(error.getProperty());
    }
    return at.toString();
  }
}
