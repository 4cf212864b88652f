package dev.backlot.permission.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.resource.SchemaLoader;
import dev.backlot.platform.http.Json;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A condition's {@code params} against the {@code paramsSchema} its plugin publishes for the rule
 * (JSON Schema, as Backstage's {@code zod-to-json-schema} writes it, draft 07 unless the schema
 * names another dialect), as RHDH's {@code validateRoleCondition} checks them. The schema is the
 * plugin's, read over HTTP: nothing it references is fetched (a {@code $ref} to anything but the
 * validator's own meta-schemas fails instead), and compiled schemas are kept by their text, at most
 * {@link #MAX_COMPILED}.
 */
final class RuleParams {
  static final int MAX_COMPILED = 256;

  private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7,
      builder -> builder.schemaLoader(SchemaLoader.builder().fetchRemoteResources(false).build()));
  private static final Map<String, Schema> COMPILED = new ConcurrentHashMap<>();

  private RuleParams() {}

  /**
   * Why {@code params} (null: none) do not fit {@code paramsSchema}, naming the condition ({@code
   * where}), the rule and the param; empty when they fit or the plugin publishes no schema.
   */
  static Optional<String> problem(String where, String rule, JsonNode paramsSchema, JsonNode params) {
    if (paramsSchema == null || !paramsSchema.isObject() || paramsSchema.isEmpty()) {
      return Optional.empty();
    }
    List<Error> errors;
    try {
      // References are resolved while validating, so a schema that cannot be used fails here too.
      errors = compiled(paramsSchema).validate(params == null || params.isMissingNode() ? Json.object() : params);
    } catch (RuntimeException e) {
      return Optional.of("'" + where + ".params': the paramsSchema of rule " + rule + " cannot be used: " + e.getMessage());
    }
    if (errors.isEmpty()) {
      return Optional.empty();
    }
    Error first = errors.get(0);
    String param = param(first);
    return Optional.of("'" + where + ".params" + (param.isEmpty() ? "" : "." + param) + "' does not fit the paramsSchema of rule " + rule
        + (param.isEmpty() ? "" : " (param '" + param + "')") + ": " + first.getMessage());
  }

  private static Schema compiled(JsonNode paramsSchema) {
    String text = paramsSchema.toString();
    Schema known = COMPILED.get(text);
    if (known != null) {
      return known;
    }
    if (COMPILED.size() >= MAX_COMPILED) {
      COMPILED.clear();
    }
    Schema schema = REGISTRY.getSchema(paramsSchema);
    COMPILED.put(text, schema);
    return schema;
  }

  /** The param an error is about: the first element of its location, or the property a required or additionalProperties error names. */
  private static String param(Error error) {
    var path = error.getInstanceLocation();
    if (path.getNameCount() > 0) {
      return String.valueOf(path.getElement(0));
    }
    return error.getProperty() == null ? "" : error.getProperty();
  }
}
