package dev.backlot.github.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.platform.http.Json;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The catalog's entity-provider endpoint ({@code POST /providers/:provider/mutations}), with this
 * plugin's service token: the way GitHub org data replaces its Group and User entities.
 */
public final class CatalogProviders {
  /** What the catalog did with a mutation; {@code conflicts} name entities someone else owns. */
  public record Applied(int added, int updated, int unchanged, int removed, List<String> conflicts) {}

  private static final int PAGE = 1000;

  private final CatalogClient catalog;

  public CatalogProviders(String baseUrl, Supplier<String> authorization) {
    this.catalog = new CatalogClient(baseUrl, authorization);
  }

  /** Every entity of {@code kind} carrying {@code annotation}, a thousand a request. */
  public List<JsonNode> entitiesWithAnnotation(String kind, String annotation) throws IOException {
    List<JsonNode> entities = new ArrayList<>();
    String filter = URLEncoder.encode("kind=" + kind + ",metadata.annotations." + annotation, StandardCharsets.UTF_8);
    for (int offset = 0; ; offset += PAGE) {
      HttpResponse<byte[]> response = catalog.get("/entities?limit=" + PAGE + "&offset=" + offset + "&filter=" + filter);
      if (response.statusCode() != 200) {
        throw new IOException("catalog answered " + response.statusCode() + " to the look-up of " + kind + " entities with " + annotation);
      }
      JsonNode page = Json.MAPPER.readTree(response.body());
      page.forEach(entities::add);
      if (page.size() < PAGE) {
        return entities;
      }
    }
  }

  /** Replaces everything {@code provider} put in the catalog with {@code entities}, owned through {@code locationKey}. */
  public Applied replaceAll(String provider, String locationKey, List<ObjectNode> entities) throws IOException {
    List<Map<String, Object>> items = entities.stream().<Map<String, Object>>map(e -> Map.of("entity", e, "locationKey", locationKey)).toList();
    HttpResponse<byte[]> response = catalog.postJson("/providers/" + provider + "/mutations", Map.of("type", "full", "entities", items));
    JsonNode body = response.body().length == 0 ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(response.body());
    if (response.statusCode() != 200) {
      throw new IOException("catalog answered " + response.statusCode() + " to the entities of " + provider + ": "
          + body.path("error").path("message").asText(""));
    }
    return Json.MAPPER.treeToValue(body, Applied.class);
  }
}
