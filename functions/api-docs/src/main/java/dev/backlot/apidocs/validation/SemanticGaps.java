package dev.backlot.apidocs.validation;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where swagger-parser's semantic checks report errors that the OpenAPI specification allows:
 * {@code responses} is optional on 3.1 operations (webhooks included), and a {@code $ref} may
 * point at any schema-valued location, such as {@code #/components/parameters/limit/schema}, not
 * only at {@code #/components/schemas/*}. Its other gaps on 3.1 ({@code type} arrays,
 * {@code webhooks}, {@code jsonSchemaDialect}) it does not report, so nothing is taken out for them.
 */
final class SemanticGaps {
  private static final Pattern MISSING_RESPONSES = Pattern.compile("attribute \\S+\\.responses is missing");
  private static final Pattern REF_NOT_A_SCHEMA = Pattern.compile("\\$ref target (#\\S*) is not of expected type Schema");
  /** Keywords whose value is one schema. */
  private static final Set<String> SCHEMA_KEYWORDS = Set.of("schema", "items", "additionalItems", "additionalProperties", "not",
      "contains", "if", "then", "else", "propertyNames", "unevaluatedItems", "unevaluatedProperties", "contentSchema");
  /** Keywords whose value holds schemas by name or index. */
  private static final Set<String> SCHEMA_CONTAINERS = Set.of("properties", "patternProperties", "$defs", "definitions", "schemas",
      "dependentSchemas", "allOf", "anyOf", "oneOf", "prefixItems", "items");

  private SemanticGaps() {}

  /** Whether swagger-parser's {@code problem} is not an error of a definition checked by the schema {@code schema}. */
  static boolean isFalseError(Problem problem, String schema, JsonNode document) {
    if (schema.equals("openapi-3.1") && MISSING_RESPONSES.matcher(problem.message()).find()) {
      return true;
    }
    Matcher ref = REF_NOT_A_SCHEMA.matcher(problem.message());
    return ref.find() && pointsAtSchema(document, ref.group(1));
  }

  /** Whether {@code ref} ({@code #/a/b}) names a schema-valued location that exists in {@code document}. */
  static boolean pointsAtSchema(JsonNode document, String ref) {
    JsonPointer pointer;
    try {
      pointer = JsonPointer.compile(ref.substring(1));
    } catch (IllegalArgumentException e) {
      return false;
    }
    JsonNode target = document.at(pointer);
    if (!target.isObject() && !target.isBoolean()) {
      return false;
    }
    JsonPointer parent = pointer.head();
    String last = pointer.last() == null ? "" : pointer.last().getMatchingProperty();
    String beforeLast = parent == null || parent.last() == null ? "" : parent.last().getMatchingProperty();
    return SCHEMA_KEYWORDS.contains(last) || SCHEMA_CONTAINERS.contains(beforeLast);
  }
}
