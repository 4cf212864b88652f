package dev.backlot.search.collate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.platform.http.Json;
import dev.backlot.search.engine.SearchDocument;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A catalog entity as Backstage's catalog collator makes it a {@code software-catalog} document:
 * title (metadata.title, else the name), text (the description), location
 * {@code /catalog/<namespace>/<kind>/<name>}, kind, type, lifecycle, owner, namespace and tags;
 * its read permission is the entity's ({@code authorization.resourceRef} in Backstage).
 */
public final class CatalogDocuments {
  public static final String TYPE = "software-catalog";

  private CatalogDocuments() {}

  public static String ref(JsonNode entity) {
    return (entity.path("kind").asText() + ":" + namespace(entity) + "/" + entity.path("metadata").path("name").asText()).toLowerCase(Locale.ROOT);
  }

  private static String namespace(JsonNode entity) {
    String namespace = entity.path("metadata").path("namespace").asText("");
    return namespace.isEmpty() ? "default" : namespace;
  }

  public static SearchDocument of(JsonNode entity) {
    JsonNode metadata = entity.path("metadata");
    JsonNode spec = entity.path("spec");
    String kind = entity.path("kind").asText();
    String name = metadata.path("name").asText();
    String namespace = namespace(entity);
    String type = spec.path("type").isValueNode() ? spec.path("type").asText() : "other";
    ObjectNode document = Json.object();
    document.put("title", metadata.path("title").isTextual() ? metadata.path("title").asText() : name);
    document.put("text", metadata.path("description").asText(""));
    document.put("location", "/catalog/" + namespace + "/" + kind.toLowerCase(Locale.ROOT) + "/" + name);
    document.put("kind", kind);
    document.put("type", type);
    document.put("componentType", type);
    document.put("namespace", namespace);
    document.put("lifecycle", spec.path("lifecycle").asText(""));
    document.put("owner", spec.path("owner").asText(""));
    List<String> tags = new ArrayList<>();
    metadata.path("tags").forEach(tag -> tags.add(tag.asText()));
    document.putArray("tags").addAll(tags.stream().map(Json.MAPPER.getNodeFactory()::textNode).toList());
    Map<String, List<String>> fields = new LinkedHashMap<>();
    fields.put("kind", List.of(kind));
    fields.put("type", List.of(type));
    fields.put("namespace", List.of(namespace));
    putIfPresent(fields, "lifecycle", document.path("lifecycle").asText());
    putIfPresent(fields, "owner", document.path("owner").asText());
    if (!tags.isEmpty()) {
      fields.put("tags", tags);
    }
    String ref = ref(entity);
    return new SearchDocument(TYPE, ref, document, fields, ref);
  }

  private static void putIfPresent(Map<String, List<String>> fields, String field, String value) {
    if (!value.isEmpty()) {
      fields.put(field, List.of(value));
    }
  }
}
