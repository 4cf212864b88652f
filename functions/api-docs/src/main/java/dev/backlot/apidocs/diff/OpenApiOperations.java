package dev.backlot.apidocs.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An OpenAPI document's operations in one shape for 2.0, 3.0 and 3.1: parameters with a schema
 * each (2.0 keeps type and constraints on the parameter itself), one request body per media type
 * (2.0's body and form parameters under {@code consumes}), response schemas per status and media
 * type (2.0's under {@code produces}), and the security each operation requires. The same API in
 * 2.0 and in 3.0 reads the same here, so a format migration shows no change.
 */
final class OpenApiOperations {
  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
  /** Fields of a 2.0 parameter that are not its schema. */
  private static final Set<String> NOT_SCHEMA = Set.of("name", "in", "required", "description", "collectionFormat",
      "allowEmptyValue", "x-example");
  /** 2.0 documents naming no media types are JSON APIs in practice. */
  private static final List<String> JSON = List.of("application/json");

  record Parameter(String in, String name, boolean required, JsonNode schema) {}

  record Body(boolean required, Map<String, JsonNode> schemas) {}

  record Header(boolean required, JsonNode schema) {}

  record Response(Map<String, JsonNode> schemas, Map<String, Header> headers) {}

  /** Each alternative a map from scheme to its scopes; empty list: no security. */
  record Operation(String method, String path, boolean deprecated, String operationId, Map<String, Parameter> parameters,
      Body body, Map<String, Response> responses, List<Map<String, Set<String>>> security) {
    String subject() {
      return method + " " + path;
    }
  }

  private final LocalRefs refs;
  private final boolean swagger2;
  private final JsonNode document;

  OpenApiOperations(LocalRefs refs) {
    this.refs = refs;
    this.document = refs.document();
    this.swagger2 = document.has("swagger");
  }

  /** Operations by method and path template with parameter names blanked ({@code GET /pets/{}}). */
  Map<String, Operation> read(DiffBudget.Meter meter) {
    Map<String, Operation> operations = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
      JsonNode item = refs.resolve(path.getValue());
      for (Map.Entry<String, JsonNode> entry : item.properties()) {
        String method = entry.getKey().toLowerCase(Locale.ROOT);
        if (!METHODS.contains(method) || !entry.getValue().isObject()) {
          continue;
        }
        meter.spend(1);
        Operation operation = operation(method.toUpperCase(Locale.ROOT), path.getKey(), item, entry.getValue());
        operations.put(operation.method() + " " + blankParameters(path.getKey()), operation);
      }
    }
    return operations;
  }

  /** Path parameters renamed keep the path the same: {@code /pets/{id}} is {@code /pets/{petId}}. */
  static String blankParameters(String path) {
    return path.replaceAll("\\{[^}/]*}", "{}");
  }

  private Operation operation(String method, String path, JsonNode item, JsonNode node) {
    Map<String, Parameter> parameters = new TreeMap<>();
    List<JsonNode> formData = new ArrayList<>();
    JsonNode bodyParameter = null;
    for (JsonNode list : List.of(item.path("parameters"), node.path("parameters"))) {
      for (JsonNode raw : list) {
        JsonNode parameter = refs.resolve(raw);
        String in = parameter.path("in").asText();
        if (swagger2 && in.equals("body")) {
          bodyParameter = parameter;
        } else if (swagger2 && in.equals("formData")) {
          formData.add(parameter);
        } else {
          String name = parameter.path("name").asText();
          // Header names are case-insensitive; path parameters match by position, not name.
          String key = in + ":" + (in.equals("header") ? name.toLowerCase(Locale.ROOT) : in.equals("path") ? pathPosition(path, name) : name);
          parameters.put(key, new Parameter(in, name, parameter.path("required").asBoolean(in.equals("path")), parameterSchema(parameter)));
        }
      }
    }
    Body body = swagger2 ? swagger2Body(node, bodyParameter, formData) : body(node.get("requestBody"));
    Map<String, Response> responses = new TreeMap<>();
    for (Map.Entry<String, JsonNode> response : node.path("responses").properties()) {
      responses.put(response.getKey().toUpperCase(Locale.ROOT), response(node, refs.resolve(response.getValue())));
    }
    JsonNode security = node.has("security") ? node.get("security") : document.path("security");
    return new Operation(method, path, node.path("deprecated").asBoolean(false), node.path("operationId").asText(null), parameters,
        body, responses, security(security));
  }

  /** A path parameter's key: its position among the template's parameters, so renaming one changes nothing. */
  private static String pathPosition(String path, String name) {
    int index = 0;
    for (int i = path.indexOf('{'); i >= 0; i = path.indexOf('{', i + 1)) {
      index++;
      if (path.startsWith("{" + name + "}", i)) {
        return "#" + index;
      }
    }
    return name;
  }

  private JsonNode parameterSchema(JsonNode parameter) {
    if (parameter.has("schema")) {
      return parameter.get("schema");
    }
    if (parameter.has("content")) {
      for (JsonNode media : parameter.get("content")) {
        return media.path("schema");
      }
    }
    // 2.0: the parameter carries its type and constraints itself.
    ObjectNode schema = JsonNodeFactory.instance.objectNode();
    parameter.properties().forEach(e -> {
      if (!NOT_SCHEMA.contains(e.getKey())) {
        schema.set(e.getKey(), e.getValue());
      }
    });
    return schema;
  }

  private Body body(JsonNode raw) {
    if (raw == null) {
      return null;
    }
    JsonNode body = refs.resolve(raw);
    return new Body(body.path("required").asBoolean(false), content(body.path("content")));
  }

  private Map<String, JsonNode> content(JsonNode content) {
    Map<String, JsonNode> schemas = new TreeMap<>();
    content.properties().forEach(e -> schemas.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue().path("schema")));
    return schemas;
  }

  private Body swagger2Body(JsonNode operation, JsonNode bodyParameter, List<JsonNode> formData) {
    if (bodyParameter != null) {
      return new Body(bodyParameter.path("required").asBoolean(false), perMediaType(mediaTypes(operation, "consumes", JSON),
          bodyParameter.path("schema")));
    }
    if (formData.isEmpty()) {
      return null;
    }
    // Form parameters are the properties of one object, as 3.0 writes them.
    ObjectNode schema = JsonNodeFactory.instance.objectNode().put("type", "object");
    ObjectNode properties = schema.putObject("properties");
    var required = schema.putArray("required");
    boolean anyRequired = false;
    for (JsonNode parameter : formData) {
      String name = parameter.path("name").asText();
      properties.set(name, parameterSchema(parameter));
      if (parameter.path("required").asBoolean(false)) {
        required.add(name);
        anyRequired = true;
      }
    }
    return new Body(anyRequired, perMediaType(mediaTypes(operation, "consumes", List.of("application/x-www-form-urlencoded")), schema));
  }

  private Response response(JsonNode operation, JsonNode response) {
    Map<String, JsonNode> schemas;
    if (swagger2) {
      schemas = response.has("schema") ? perMediaType(mediaTypes(operation, "produces", JSON), response.get("schema")) : Map.of();
    } else {
      schemas = content(response.path("content"));
    }
    Map<String, Header> headers = new TreeMap<>();
    for (Map.Entry<String, JsonNode> header : response.path("headers").properties()) {
      JsonNode resolved = refs.resolve(header.getValue());
      headers.put(header.getKey().toLowerCase(Locale.ROOT), new Header(resolved.path("required").asBoolean(false),
          swagger2 ? parameterSchema(resolved) : resolved.path("schema")));
    }
    return new Response(schemas, headers);
  }

  private List<String> mediaTypes(JsonNode operation, String field, List<String> fallback) {
    JsonNode listed = operation.has(field) ? operation.get(field) : document.path(field);
    List<String> types = new ArrayList<>();
    listed.forEach(t -> types.add(t.asText().toLowerCase(Locale.ROOT)));
    return types.isEmpty() ? fallback : types;
  }

  private static Map<String, JsonNode> perMediaType(List<String> mediaTypes, JsonNode schema) {
    Map<String, JsonNode> schemas = new TreeMap<>();
    mediaTypes.forEach(type -> schemas.put(type, schema));
    return schemas;
  }

  private static List<Map<String, Set<String>>> security(JsonNode requirements) {
    List<Map<String, Set<String>>> alternatives = new ArrayList<>();
    for (JsonNode requirement : requirements) {
      Map<String, Set<String>> schemes = new TreeMap<>();
      requirement.properties().forEach(e -> {
        Set<String> scopes = new TreeSet<>();
        e.getValue().forEach(scope -> scopes.add(scope.asText()));
        schemes.put(e.getKey(), scopes);
      });
      alternatives.add(schemes);
    }
    return alternatives;
  }
}
