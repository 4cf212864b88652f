package dev.backlot.scaffolder.permissions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.backlot.platform.http.Json;
import dev.backlot.platform.permission.PermissionCriteria;
import dev.backlot.platform.permission.PermissionMetadata;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * The condition rules @backstage/plugin-scaffolder-backend publishes, with its names, descriptions
 * and params, and applied as it applies them: {@code HAS_TAG} on a template's parameter page or
 * step ({@code backstage:permissions.tags}); {@code HAS_ACTION_ID} and {@code HAS_*_PROPERTY} on an
 * action about to run ({@code {action, input}}, the key a lodash path into the rendered input; without
 * {@code value} the property must be truthy, a list must hold the value or, without one, anything).
 */
public final class ScaffolderRules {
  private record Rule(PermissionMetadata.Rule published, BiPredicate<JsonNode, JsonNode> apply) {}

  private static final Map<String, Rule> RULES = Map.of(
      "HAS_TAG", new Rule(rule("HAS_TAG", "Match parameters or steps with the given tag", ScaffolderPermissions.TEMPLATE_RESOURCE_TYPE,
          """
          {"type": "object", "properties": {"tag": {"type": "string", "description": "Name of the tag to match on"}},
           "required": ["tag"], "additionalProperties": false, "$schema": "http://json-schema.org/draft-07/schema#"}"""),
          (resource, params) -> {
            for (JsonNode tag : resource.path("backstage:permissions").path("tags")) {
              if (tag.asText().equals(params.path("tag").asText())) {
                return true;
              }
            }
            return false;
          }),
      "HAS_ACTION_ID", new Rule(rule("HAS_ACTION_ID", "Allow actions with the specified ID", ScaffolderPermissions.ACTION_RESOURCE_TYPE,
          """
          {"type": "object", "properties": {"actionId": {"type": "string", "description": "Name of the action to match on"}},
           "required": ["actionId"], "additionalProperties": false, "$schema": "http://json-schema.org/draft-07/schema#"}"""),
          (resource, params) -> resource.path("action").asText().equals(params.path("actionId").asText())),
      "HAS_BOOLEAN_PROPERTY", property("HAS_BOOLEAN_PROPERTY", "boolean"),
      "HAS_NUMBER_PROPERTY", property("HAS_NUMBER_PROPERTY", "number"),
      "HAS_STRING_PROPERTY", property("HAS_STRING_PROPERTY", "string"));

  private ScaffolderRules() {}

  /** What the metadata route publishes, in a stable order. */
  public static List<PermissionMetadata.Rule> published() {
    return List.of("HAS_TAG", "HAS_ACTION_ID", "HAS_BOOLEAN_PROPERTY", "HAS_NUMBER_PROPERTY", "HAS_STRING_PROPERTY").stream()
        .map(name -> RULES.get(name).published()).toList();
  }

  /** Whether {@code resource} meets {@code criteria}; a rule this plugin does not know, or of another resource type, never matches. */
  public static boolean matches(PermissionCriteria criteria, String resourceType, JsonNode resource) {
    return switch (criteria) {
      case PermissionCriteria.AllOf all -> all.criteria().stream().allMatch(c -> matches(c, resourceType, resource));
      case PermissionCriteria.AnyOf any -> any.criteria().stream().anyMatch(c -> matches(c, resourceType, resource));
      case PermissionCriteria.Not not -> !matches(not.criteria(), resourceType, resource);
      case PermissionCriteria.Condition condition -> {
        Rule rule = RULES.get(condition.rule());
        yield rule != null && rule.published().resourceType().equals(resourceType) && condition.resourceType().equals(resourceType)
            && rule.apply().test(resource, condition.params());
      }
    };
  }

  private static Rule property(String name, String type) {
    String schema = """
        {"type": "object", "properties": {
          "key": {"type": "string", "description": "Property within the action parameters to match on"},
          "value": {"type": "%s", "description": "Value of the given property to match on"}},
         "required": ["key"], "additionalProperties": false, "$schema": "http://json-schema.org/draft-07/schema#"}""".formatted(type);
    return new Rule(rule(name, "Allow actions with the specified property", ScaffolderPermissions.ACTION_RESOURCE_TYPE, schema),
        (resource, params) -> {
          JsonNode found = at(resource.path("input"), params.path("key").asText());
          JsonNode expected = params.get("value");
          if (found.isArray()) {
            // Backstage's buildHasProperty: a list matches when it holds the value, or, without one, when it is not empty.
            if (expected == null) {
              return !found.isEmpty();
            }
            for (JsonNode item : found) {
              if (same(item, expected)) {
                return true;
              }
            }
            return false;
          }
          return expected == null ? dev.backlot.scaffolder.expression.Values.truthy(found) : same(found, expected);
        });
  }

  /** JavaScript's {@code ===} on JSON values of one of the three types. */
  private static boolean same(JsonNode found, JsonNode expected) {
    if (found.isNumber() && expected.isNumber()) {
      return found.decimalValue().compareTo(expected.decimalValue()) == 0;
    }
    return found.getNodeType() == expected.getNodeType() && found.isValueNode() && found.equals(expected);
  }

  /** lodash's {@code get(input, key)}: dots and {@code [n]} step into objects and lists. */
  static JsonNode at(JsonNode input, String key) {
    JsonNode node = input;
    for (String part : key.replace("[", ".").replace("]", "").split("\\.")) {
      if (part.isEmpty()) {
        continue;
      }
      node = node.isArray() && part.chars().allMatch(Character::isDigit) ? node.path(Integer.parseInt(part)) : node.path(part);
      if (node.isMissingNode()) {
        return MissingNode.getInstance();
      }
    }
    return node;
  }

  private static PermissionMetadata.Rule rule(String name, String description, String resourceType, String paramsSchema) {
    try {
      return new PermissionMetadata.Rule(name, description, resourceType, Json.MAPPER.readTree(paramsSchema));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
