package dev.backlot.catalog.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Backstage's catalog-model rules for an entity: the envelope, metadata formats and each
 * built-in kind's required spec fields. Messages use Backstage's wording and point at the field.
 */
public final class EntityValidator {
  private static final Pattern KIND = Pattern.compile("[a-zA-Z][a-z0-9A-Z]*");
  private static final Pattern NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]+(?:-+[a-z0-9]+)*");
  private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]+(?:-+[a-z0-9]+)*(?:\\.[a-z0-9]+(?:-+[a-z0-9]+)*)*");
  private static final Pattern TAG = Pattern.compile("[a-z0-9:+#]+(-[a-z0-9:+#]+)*");
  /** A URL's scheme, once what browsers drop from a URL (and more) is gone. */
  private static final Pattern SCHEME = Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*):");
  private static final Pattern IGNORED_BY_BROWSERS = Pattern.compile("[\\p{Cntrl}\\p{Space}\\p{Z}]");
  /** Link schemes that run script, or open a document of the link's making, in the reader's browser. */
  private static final Set<String> SCRIPT_SCHEMES = Set.of("javascript", "data", "vbscript");
  private static final Set<String> ROOT_FIELDS = Set.of("apiVersion", "kind", "metadata", "spec", "relations", "status");
  private static final Set<String> CORE_API_VERSIONS = Set.of("backstage.io/v1alpha1", "backstage.io/v1beta1");
  private static final Set<String> TEMPLATE_API_VERSIONS = Set.of("scaffolder.backstage.io/v1beta3");

  /** Required string fields of each kind's spec; arrays named in {@link #REQUIRED_ARRAYS}. */
  private static final Map<String, List<String>> REQUIRED_STRINGS = Map.of(
      "component", List.of("type", "lifecycle", "owner"),
      "api", List.of("type", "lifecycle", "owner", "definition"),
      "system", List.of("owner"),
      "domain", List.of("owner"),
      "resource", List.of("type", "owner"),
      "group", List.of("type"),
      "user", List.of(),
      "location", List.of(),
      "template", List.of("type"));
  private static final Map<String, List<String>> REQUIRED_ARRAYS = Map.of(
      "group", List.of("children"),
      "template", List.of("steps"));
  private static final Map<String, List<String>> OPTIONAL_STRINGS = Map.of(
      "component", List.of("system", "subcomponentOf"),
      "api", List.of("system"),
      "system", List.of("domain", "type"),
      "domain", List.of("subdomainOf", "type"),
      "resource", List.of("system"),
      "group", List.of("parent"),
      "location", List.of("type", "target", "presence"),
      "template", List.of("owner", "lifecycle"));
  private static final Map<String, List<String>> OPTIONAL_STRING_ARRAYS = Map.of(
      "component", List.of("providesApis", "consumesApis", "dependsOn", "dependencyOf"),
      "resource", List.of("dependsOn", "dependencyOf"),
      "group", List.of("members"),
      "user", List.of("memberOf"),
      "location", List.of("targets"));

  private EntityValidator() {}

  /** Every problem found, empty when the entity is valid. */
  public static List<String> validate(JsonNode entity) {
    List<String> errors = new ArrayList<>();
    if (entity == null || !entity.isObject()) {
      errors.add("Entity must be an object");
      return errors;
    }
    for (Iterator<String> fields = entity.fieldNames(); fields.hasNext(); ) {
      String field = fields.next();
      if (!ROOT_FIELDS.contains(field)) {
        errors.add("Entity has an unknown root field \"" + field + "\"; only apiVersion, kind, metadata, spec, relations and status are allowed");
      }
    }
    String kind = text(entity.get("kind"));
    String apiVersion = text(entity.get("apiVersion"));
    if (apiVersion == null) {
      errors.add("\"apiVersion\" is required and must be a string");
    }
    if (kind == null) {
      errors.add("\"kind\" is required and must be a string");
    } else if (kind.length() > 63 || !KIND.matcher(kind).matches()) {
      errors.add(format("kind", kind, "a string that is a sequence of [a-zA-Z][a-z0-9A-Z], at most 63 characters in total"));
    }
    validateMetadata(entity.get("metadata"), errors);
    if (kind != null && apiVersion != null) {
      validateKind(kind.toLowerCase(), apiVersion, entity.get("spec"), errors);
    }
    if (errors.isEmpty()) {
      // A ref the relations cannot be computed from fails this entity alone, at its field.
      errors.addAll(EntityRelations.problems(entity));
    }
    return errors;
  }

  private static void validateKind(String kind, String apiVersion, JsonNode spec, List<String> errors) {
    if (!REQUIRED_STRINGS.containsKey(kind)) {
      errors.add("Unsupported kind \"" + kind + "\"; the catalog accepts Component, API, System, Domain, Resource, Group, User, Location and Template");
      return;
    }
    Set<String> versions = kind.equals("template") ? TEMPLATE_API_VERSIONS : CORE_API_VERSIONS;
    if (!versions.contains(apiVersion)) {
      errors.add("Unsupported apiVersion \"" + apiVersion + "\" for kind " + kind + "; expected one of " + versions.stream().sorted().toList());
    }
    if (spec == null || !spec.isObject()) {
      if (!kind.equals("user") || spec != null) {
        errors.add(spec == null ? "/spec must be object; it is missing" : "/spec must be object");
      }
      return;
    }
    for (String field : REQUIRED_STRINGS.get(kind)) {
      requiredString(spec, field, errors);
    }
    for (String field : REQUIRED_ARRAYS.getOrDefault(kind, List.of())) {
      if (!spec.has(field)) {
        errors.add("/spec must have required property '" + field + "'");
      } else if (!spec.get(field).isArray()) {
        errors.add("/spec/" + field + " must be array");
      }
    }
    for (String field : OPTIONAL_STRINGS.getOrDefault(kind, List.of())) {
      if (spec.has(field) && !spec.get(field).isTextual()) {
        errors.add("/spec/" + field + " must be string");
      }
    }
    for (String field : OPTIONAL_STRING_ARRAYS.getOrDefault(kind, List.of())) {
      stringArray(spec.get(field), "/spec/" + field, errors);
    }
    if (kind.equals("group") && spec.has("children")) {
      stringArray(spec.get("children"), "/spec/children", errors);
    }
    if (kind.equals("location") && !spec.has("target") && !spec.has("targets")) {
      errors.add("/spec must have required property 'target' or 'targets'");
    }
  }

  private static void requiredString(JsonNode spec, String field, List<String> errors) {
    JsonNode value = spec.get(field);
    if (value == null || value.isNull()) {
      errors.add("/spec must have required property '" + field + "'");
    } else if (!value.isTextual()) {
      errors.add("/spec/" + field + " must be string");
    } else if (value.asText().isEmpty()) {
      errors.add("/spec/" + field + " must NOT have fewer than 1 characters");
    }
  }

  private static void stringArray(JsonNode value, String path, List<String> errors) {
    if (value == null) {
      return;
    }
    if (!value.isArray()) {
      errors.add(path + " must be array");
      return;
    }
    for (int i = 0; i < value.size(); i++) {
      if (!value.get(i).isTextual() || value.get(i).asText().isEmpty()) {
        errors.add(path + "/" + i + " must be a non-empty string");
      }
    }
  }

  private static void validateMetadata(JsonNode metadata, List<String> errors) {
    if (metadata == null || !metadata.isObject()) {
      errors.add("\"metadata\" is required and must be an object");
      return;
    }
    String name = text(metadata.get("name"));
    if (name == null) {
      errors.add("\"metadata.name\" is required and must be a string");
    } else if (name.length() > 63 || !NAME.matcher(name).matches()) {
      errors.add(format("metadata.name", name, "a string that is sequences of [a-zA-Z0-9] separated by any of [-_.], at most 63 characters in total"));
    }
    JsonNode namespace = metadata.get("namespace");
    if (namespace != null && (!namespace.isTextual() || namespace.asText().length() > 63 || !DNS_LABEL.matcher(namespace.asText()).matches())) {
      errors.add(format("metadata.namespace", namespace.asText(), "a string that is sequences of [a-z0-9] separated by [-], at most 63 characters in total"));
    }
    for (String field : List.of("title", "description", "uid", "etag")) {
      if (metadata.has(field) && !metadata.get(field).isTextual()) {
        errors.add("\"metadata." + field + "\" must be a string");
      }
    }
    validateKeyValues(metadata.get("labels"), "labels", true, errors);
    validateKeyValues(metadata.get("annotations"), "annotations", false, errors);
    JsonNode tags = metadata.get("tags");
    if (tags != null) {
      if (!tags.isArray()) {
        errors.add("\"metadata.tags\" must be an array");
      } else {
        for (JsonNode tag : tags) {
          if (!tag.isTextual() || tag.asText().length() > 63 || !TAG.matcher(tag.asText()).matches()) {
            errors.add(format("metadata.tags", tag.asText(), "a string that is sequences of [a-z0-9+#] separated by [-], at most 63 characters in total"));
          }
        }
      }
    }
    JsonNode links = metadata.get("links");
    if (links != null) {
      if (!links.isArray()) {
        errors.add("\"metadata.links\" must be an array");
      } else {
        for (int i = 0; i < links.size(); i++) {
          JsonNode link = links.get(i);
          if (!link.isObject() || !link.path("url").isTextual() || link.path("url").asText().isEmpty()) {
            errors.add("\"metadata.links[" + i + "].url\" is required and must be a string");
          } else if (SCRIPT_SCHEMES.contains(schemeOf(link.path("url").asText()))) {
            errors.add(format("metadata.links[" + i + "].url", link.path("url").asText(),
                "a URL whose scheme is not javascript, data or vbscript"));
          }
          for (String field : List.of("title", "icon", "type")) {
            if (link.has(field) && !link.get(field).isTextual()) {
              errors.add("\"metadata.links[" + i + "]." + field + "\" must be a string");
            }
          }
        }
      }
    }
  }

  private static void validateKeyValues(JsonNode map, String field, boolean labelValues, List<String> errors) {
    if (map == null) {
      return;
    }
    if (!map.isObject()) {
      errors.add("\"metadata." + field + "\" must be an object");
      return;
    }
    map.fields().forEachRemaining(entry -> {
      if (!validKey(entry.getKey())) {
        errors.add(format("metadata." + field, entry.getKey(),
            "a valid prefix and/or suffix: an optional DNS subdomain prefix and '/', then sequences of [a-zA-Z0-9] separated by any of [-_.], at most 63 characters"));
      }
      JsonNode value = entry.getValue();
      if (!value.isTextual()) {
        errors.add("\"metadata." + field + "." + entry.getKey() + "\" must be a string");
      } else if (labelValues && !value.asText().isEmpty()
          && (value.asText().length() > 63 || !NAME.matcher(value.asText()).matches())) {
        errors.add(format("metadata." + field + "." + entry.getKey(), value.asText(),
            "a string that is sequences of [a-zA-Z0-9] separated by any of [-_.], at most 63 characters in total"));
      }
    });
  }

  private static boolean validKey(String key) {
    int slash = key.indexOf('/');
    String name = slash < 0 ? key : key.substring(slash + 1);
    if (slash >= 0) {
      String prefix = key.substring(0, slash);
      if (prefix.isEmpty() || prefix.length() > 253 || !DNS_SUBDOMAIN.matcher(prefix).matches()) {
        return false;
      }
    }
    return !name.isEmpty() && name.length() <= 63 && NAME.matcher(name).matches();
  }

  /**
   * The scheme a browser reads from {@code url}, in lower case; empty for a relative URL. Browsers
   * skip control characters and spaces before it and drop tabs and newlines inside it; every
   * control and space character is dropped here, so no spelling of a scheme they run slips through.
   */
  private static String schemeOf(String url) {
    Matcher scheme = SCHEME.matcher(IGNORED_BY_BROWSERS.matcher(url).replaceAll(""));
    return scheme.lookingAt() ? scheme.group(1).toLowerCase(Locale.ROOT) : "";
  }

  private static String format(String field, String value, String expected) {
    return "\"" + field + "\" is not valid; expected " + expected + " but found \"" + value + "\"";
  }

  private static String text(JsonNode node) {
    return node != null && node.isTextual() ? node.asText() : null;
  }
}
