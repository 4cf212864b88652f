package dev.backlot.catalog.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * A reference to an entity, {@code kind:namespace/name}. Its string form is Backstage's
 * canonical one: every part lower-cased, so references compare as plain strings.
 */
public record EntityRef(String kind, String namespace, String name) {
  public static final String DEFAULT_NAMESPACE = "default";

  /**
   * Parses {@code [kind:][namespace/]name}; a missing kind or namespace takes the default given,
   * and a kind that is missing with no default is an error, as in Backstage's parseEntityRef.
   */
  public static EntityRef parse(String ref, String defaultKind, String defaultNamespace) {
    if (ref == null || ref.isBlank()) {
      throw new IllegalArgumentException("Entity reference must not be empty");
    }
    String rest = ref.trim();
    String kind = defaultKind;
    int colon = rest.indexOf(':');
    if (colon >= 0) {
      kind = rest.substring(0, colon);
      rest = rest.substring(colon + 1);
    }
    String namespace = defaultNamespace == null ? DEFAULT_NAMESPACE : defaultNamespace;
    int slash = rest.indexOf('/');
    if (slash >= 0) {
      namespace = rest.substring(0, slash);
      rest = rest.substring(slash + 1);
    }
    if (kind == null || kind.isEmpty()) {
      throw new IllegalArgumentException("Entity reference '" + ref + "' had missing or empty kind (e.g. did not start with 'component:' or similar)");
    }
    if (namespace.isEmpty()) {
      throw new IllegalArgumentException("Entity reference '" + ref + "' had missing or empty namespace");
    }
    if (rest.isEmpty() || rest.contains(":") || rest.contains("/")) {
      throw new IllegalArgumentException("Entity reference '" + ref + "' had missing, empty or malformed name");
    }
    return new EntityRef(kind, namespace, rest);
  }

  /** The reference of a (validated) entity. */
  public static EntityRef of(JsonNode entity) {
    JsonNode metadata = entity.path("metadata");
    return new EntityRef(entity.path("kind").asText(),
        metadata.path("namespace").asText(DEFAULT_NAMESPACE), metadata.path("name").asText());
  }

  @Override
  public String toString() {
    return kind.toLowerCase(Locale.ROOT) + ":" + namespace.toLowerCase(Locale.ROOT) + "/" + name.toLowerCase(Locale.ROOT);
  }
}
