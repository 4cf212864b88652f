package dev.backlot.apidocs.diff;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlot.apidocs.validation.DefinitionValidator;
import dev.backlot.apidocs.validation.Limits;
import java.nio.charset.StandardCharsets;

/** Small definitions written inline for the diff tests, read as the plugin reads stored ones. */
final class Definitions {
  private static final DefinitionValidator READER = new DefinitionValidator(Limits.DEFAULT);

  private Definitions() {}

  static JsonNode read(String yaml) {
    return READER.tree(yaml.getBytes(StandardCharsets.UTF_8));
  }

  /** An OpenAPI 3.1 document with one operation, {@code GET /tasks}, and components (flow YAML each). */
  static String openApi31(String operation, String components) {
    return "openapi: 3.1.0\ninfo: {title: Tasks, version: '1'}\npaths:\n  /tasks:\n    get: " + operation + "\ncomponents: " + components + "\n";
  }

  static String openApi31(String operation) {
    return openApi31(operation, "{}");
  }

  /** {@code GET /tasks} with one query parameter {@code status} of {@code schema}. */
  static String queryParameter(String schema, boolean required, String components) {
    return openApi31("{parameters: [{name: status, in: query, required: " + required + ", schema: " + schema
        + "}], responses: {'200': {description: ok}}}", components);
  }

  static String requestBody(String schema) {
    return openApi31("{requestBody: {required: true, content: {application/json: {schema: " + schema
        + "}}}, responses: {'200': {description: ok}}}");
  }

  static String response(String schema) {
    return openApi31("{responses: {'200': {description: ok, content: {application/json: {schema: " + schema + "}}}}}");
  }

  static DiffReport compare(String older, String newer) {
    return new BreakingChanges().compare(read(older), read(newer));
  }

  static Finding finding(DiffReport report, String rule) {
    return report.changes().stream().flatMap(c -> c.findings().stream()).filter(f -> f.rule().equals(rule)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + rule + " in\n" + report.summary()));
  }
}
