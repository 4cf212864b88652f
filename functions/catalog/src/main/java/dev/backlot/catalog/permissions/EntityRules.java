package dev.backlot.catalog.permissions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.catalog.storage.EntityFilter;
import dev.backlot.platform.auth.Identity;
import dev.backlot.platform.http.Json;
import dev.backlot.platform.permission.PermissionMetadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The catalog's condition rules, Backstage's names and params ({@code catalog-backend}'s
 * {@code permissions/rules}), each a filter on the catalog's search tables, so a conditional
 * read is part of the SQL of every list, page, count and facet. Keys and values match ignoring
 * case and an array matches when one of its items does, as the catalog's filters match them.
 */
public final class EntityRules {
  /** One rule: what the permission plugin shows, and the filter its params make for a caller. */
  record Rule(PermissionMetadata.Rule metadata, BiFunction<ObjectNode, Identity, EntityFilter> filter) {}

  static final Map<String, Rule> RULES = new LinkedHashMap<>();

  static {
    add("HAS_ANNOTATION", "Allow entities with the specified annotation", schema("annotation", "Name of the annotation to match on", "value",
        "Value of the annotation to match on"), (params, caller) -> keyWithValue("metadata.annotations." + text(params, "annotation"), params));
    add("HAS_LABEL", "Allow entities with the specified label", schema("label", "Name of the label to match on", null, null),
        (params, caller) -> EntityFilter.has("metadata.labels." + text(params, "label")));
    add("HAS_METADATA", "Allow entities with the specified metadata subfield", schema("key", "Property within the entities metadata to match on",
        "value", "Value of the given property to match on"), (params, caller) -> keyWithValue("metadata." + text(params, "key"), params));
    add("HAS_SPEC", "Allow entities with the specified spec subfield", schema("key", "Property within the entities spec to match on",
        "value", "Value of the given property to match on"), (params, caller) -> keyWithValue("spec." + text(params, "key"), params));
    add("IS_ENTITY_KIND", "Allow entities matching a specified kind", listSchema("kinds", "List of kinds to match at least one of"),
        (params, caller) -> EntityFilter.valueOf("kind", texts(params, "kinds")));
    add("IS_ENTITY_OWNER", "Allow entities owned by a specified claim", listSchema("claims",
        "List of claims to match at least one on within ownedBy; $currentUser and $ownerRefs stand for the caller"),
        (params, caller) -> EntityFilter.valueOf("relations.ownedBy", claims(texts(params, "claims"), caller)));
  }

  private EntityRules() {}

  /** The rules as the metadata route publishes them. */
  public static List<PermissionMetadata.Rule> metadata() {
    return RULES.values().stream().map(Rule::metadata).toList();
  }

  /** The filter of {@code rule} with {@code params} for {@code caller}; an unknown rule or bad params is an {@link IllegalArgumentException}. */
  static EntityFilter filter(String rule, ObjectNode params, Identity caller) {
    Rule known = RULES.get(rule);
    if (known == null) {
      throw new IllegalArgumentException("the catalog has no rule " + rule);
    }
    return known.filter().apply(params, caller);
  }

  private static void add(String name, String description, ObjectNode schema, BiFunction<ObjectNode, Identity, EntityFilter> filter) {
    RULES.put(name, new Rule(new PermissionMetadata.Rule(name, description, CatalogPermissions.RESOURCE_TYPE, schema), filter));
  }

  private static EntityFilter keyWithValue(String key, ObjectNode params) {
    JsonNode value = params.path("value");
    if (value.isMissingNode() || value.isNull()) {
      return EntityFilter.has(key);
    }
    if (!value.isTextual()) {
      throw new IllegalArgumentException("value must be a string");
    }
    return EntityFilter.valueOf(key, List.of(value.asText()));
  }

  /** {@code $currentUser} is the caller's own ref, {@code $ownerRefs} the refs they own through (themselves and their groups). */
  static List<String> claims(List<String> claims, Identity caller) {
    List<String> resolved = new ArrayList<>();
    for (String claim : claims) {
      switch (claim) {
        case "$currentUser" -> resolved.add(caller.subject());
        case "$ownerRefs" -> resolved.addAll(caller.ownershipRefs());
        default -> resolved.add(claim);
      }
    }
    return resolved;
  }

  private static String text(ObjectNode params, String name) {
    JsonNode value = params.path(name);
    if (!value.isTextual() || value.asText().isEmpty()) {
      throw new IllegalArgumentException(name + " must be a non-empty string");
    }
    return value.asText();
  }

  private static List<String> texts(ObjectNode params, String name) {
    JsonNode values = params.path(name);
    if (!values.isArray()) {
      throw new IllegalArgumentException(name + " must be an array of strings");
    }
    List<String> list = new ArrayList<>();
    for (JsonNode value : values) {
      if (!value.isTextual()) {
        throw new IllegalArgumentException(name + " must be an array of strings");
      }
      list.add(value.asText());
    }
    return list;
  }

  /** A JSON schema of one required string param and, if named, an optional second one. */
  private static ObjectNode schema(String required, String requiredDescription, String optional, String optionalDescription) {
    ObjectNode schema = object();
    schema.putObject("properties").putObject(required).put("type", "string").put("description", requiredDescription);
    if (optional != null) {
      ((ObjectNode) schema.get("properties")).putObject(optional).put("type", "string").put("description", optionalDescription);
    }
    schema.putArray("required").add(required);
    return schema;
  }

  private static ObjectNode listSchema(String name, String description) {
    ObjectNode schema = object();
    ObjectNode list = schema.putObject("properties").putObject(name).put("type", "array").put("description", description);
    list.putObject("items").put("type", "string");
    schema.putArray("required").add(name);
    return schema;
  }

  private static ObjectNode object() {
    ObjectNode schema = Json.object().put("$schema", "http://json-schema.org/draft-07/schema#").put("type", "object");
    schema.put("additionalProperties", false);
    return schema;
  }
}
