package dev.backlot.search.collate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.platform.http.Json;
import dev.backlot.search.engine.SearchDocument;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code api-definition} documents of one stored definition, one per operation: OpenAPI 3 and
 * Swagger 2 paths and methods, AsyncAPI 2 channel operations and AsyncAPI 3 operations. Each has the
 * method and path (or action and channel) as title; summary, description, tags and the names of
 * the schemas it refers to as text; and the operation's anchor on the API's page as location.
 */
public final class ApiOperations {
  public static final String TYPE = "api-definition";
  /** Operations taken from one definition, at most: a generated definition can have thousands. */
  static final int MAX_OPERATIONS = 2_000;
  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

  private ApiOperations() {}

  /** {@code apiRef} is {@code api:<namespace>/<name>}; {@code definition} the definition as JSON. */
  public static List<SearchDocument> of(String apiRef, String apiTitle, JsonNode definition) {
    String namespace = apiRef.substring(apiRef.indexOf(':') + 1, apiRef.indexOf('/'));
    String name = apiRef.substring(apiRef.indexOf('/') + 1);
    String page = "/api-docs/" + namespace + "/" + name;
    List<SearchDocument> documents = new ArrayList<>();
    if (definition.has("paths")) {
      for (Iterator<Map.Entry<String, JsonNode>> paths = definition.path("paths").fields(); paths.hasNext() && documents.size() < MAX_OPERATIONS;) {
        Map.Entry<String, JsonNode> path = paths.next();
        for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext();) {
          Map.Entry<String, JsonNode> method = methods.next();
          if (!METHODS.contains(method.getKey()) || !method.getValue().isObject()) {
            continue;
          }
          JsonNode operation = method.getValue();
          String tag = operation.path("tags").path(0).asText("default");
          String id = operation.path("operationId").asText(method.getKey() + path.getKey().replaceAll("\\W", "_"));
          documents.add(document(apiRef, apiTitle, method.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(), operation,
              page + "#/" + tag + "/" + id, method.getKey().toUpperCase(Locale.ROOT)));
        }
      }
    } else if (definition.has("operations")) {
      for (Iterator<Map.Entry<String, JsonNode>> operations = definition.path("operations").fields(); operations.hasNext() && documents.size() < MAX_OPERATIONS;) {
        Map.Entry<String, JsonNode> entry = operations.next();
        JsonNode operation = entry.getValue();
        String channel = lastSegment(operation.path("channel").path("$ref").asText(""));
        String action = operation.path("action").asText("operation");
        documents.add(document(apiRef, apiTitle, action + " " + channel, operation, page + "#operation-" + entry.getKey(), action));
      }
    } else if (definition.has("channels")) {
      for (Iterator<Map.Entry<String, JsonNode>> channels = definition.path("channels").fields(); channels.hasNext() && documents.size() < MAX_OPERATIONS;) {
        Map.Entry<String, JsonNode> channel = channels.next();
        for (String action : List.of("publish", "subscribe")) {
          JsonNode operation = channel.getValue().path(action);
          if (operation.isObject()) {
            documents.add(document(apiRef, apiTitle, action + " " + channel.getKey(), operation, page + "#channel-" + channel.getKey(), action));
          }
        }
      }
    }
    return documents;
  }

  private static SearchDocument document(String apiRef, String apiTitle, String title, JsonNode operation, String location, String method) {
    List<String> tags = new ArrayList<>();
    operation.path("tags").forEach(tag -> tags.add(tag.isObject() ? tag.path("name").asText() : tag.asText()));
    Set<String> schemas = new LinkedHashSet<>();
    collectRefs(operation, schemas, 0);
    String text = String.join(" ", List.of(operation.path("summary").asText(""), operation.path("description").asText(""),
        String.join(" ", tags), String.join(" ", schemas))).strip().replaceAll("\\s+", " ");
    ObjectNode document = Json.object().put("title", title).put("text", text).put("location", location)
        .put("kind", "API").put("api", apiRef).put("apiTitle", apiTitle).put("method", method);
    document.putArray("tags").addAll(tags.stream().map(Json.MAPPER.getNodeFactory()::textNode).toList());
    Map<String, List<String>> fields = new LinkedHashMap<>();
    fields.put("kind", List.of("API"));
    fields.put("api", List.of(apiRef));
    fields.put("method", List.of(method));
    if (!tags.isEmpty()) {
      fields.put("tags", tags);
    }
    return new SearchDocument(TYPE, apiRef + "#" + title, document, fields, apiRef);
  }

  /** The names of the schemas an operation refers to ({@code #/components/schemas/Order} → Order), at most 50. */
  private static void collectRefs(JsonNode node, Set<String> names, int depth) {
    if (depth > 20 || names.size() >= 50) {
      return;
    }
    if (node.isObject()) {
      JsonNode ref = node.get("$ref");
      if (ref != null && ref.isTextual()) {
        names.add(lastSegment(ref.asText()));
      }
      node.forEach(child -> collectRefs(child, names, depth + 1));
    } else if (node.isArray()) {
      node.forEach(child -> collectRefs(child, names, depth + 1));
    }
  }

  private static String lastSegment(String ref) {
    return ref.substring(ref.lastIndexOf('/') + 1);
  }
}
