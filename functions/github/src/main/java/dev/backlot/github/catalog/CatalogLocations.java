package dev.backlot.github.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlot.platform.http.Json;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The catalog's locations as its HTTP API shows them, with this plugin's service token: one
 * plugin never reads another's tables. Discovery registers catalog files here and webhooks
 * refresh them. A file is known to the catalog when some entity carries it in
 * {@code backstage.io/managed-by-location}; refreshing that entity's ref refreshes the registered
 * location that reaches the file, directly or through Location entities.
 */
public final class CatalogLocations {
  private static final String MANAGED_BY = "metadata.annotations.backstage.io/managed-by-location";

  private final CatalogClient catalog;

  public CatalogLocations(String baseUrl, Supplier<String> authorization) {
    this.catalog = new CatalogClient(baseUrl, authorization);
  }

  /** The ref of an entity the catalog read from url location {@code target}, if it has read any. */
  public Optional<String> entityReadFrom(String target) throws IOException {
    String filter = URLEncoder.encode(MANAGED_BY + "=url:" + target, StandardCharsets.UTF_8);
    HttpResponse<byte[]> response = catalog.get("/entities?limit=1&fields=kind,metadata.namespace,metadata.name&filter=" + filter);
    if (response.statusCode() != 200) {
      throw new IOException("catalog answered " + response.statusCode() + " to the look-up of " + target);
    }
    JsonNode entities = Json.MAPPER.readTree(response.body());
    if (!entities.isArray() || entities.isEmpty()) {
      return Optional.empty();
    }
    JsonNode entity = entities.get(0);
    return Optional.of(entity.path("kind").asText().toLowerCase(java.util.Locale.ROOT) + ":"
        + entity.path("metadata").path("namespace").asText("default") + "/" + entity.path("metadata").path("name").asText());
  }

  /** Refreshes the location that emitted {@code entityRef} now; false when the entity is gone meanwhile. */
  public boolean refresh(String entityRef) throws IOException {
    HttpResponse<byte[]> response = catalog.postJson("/refresh", Map.of("entityRef", entityRef));
    if (response.statusCode() == 404) {
      return false;
    }
    if (response.statusCode() / 100 != 2) {
      throw new IOException("catalog answered " + response.statusCode() + " to the refresh of " + entityRef);
    }
    return true;
  }

  /** Registers url location {@code target}; false when the catalog has it already (409). */
  public boolean register(String target) throws IOException {
    HttpResponse<byte[]> response = catalog.postJson("/locations", Map.of("type", "url", "target", target));
    if (response.statusCode() == 409) {
      return false;
    }
    if (response.statusCode() / 100 != 2) {
      throw new IOException("catalog answered " + response.statusCode() + " to the registration of " + target);
    }
    return true;
  }

  /** A location registered in the catalog, as {@code GET /locations} lists it. */
  public record Registered(String id, String type, String target) {}

  /** Every registered location (Backstage's {@code GET /locations}, which lists them all). */
  public List<Registered> registered() throws IOException {
    HttpResponse<byte[]> response = catalog.get("/locations");
    if (response.statusCode() != 200) {
      throw new IOException("catalog answered " + response.statusCode() + " to the list of its locations");
    }
    List<Registered> locations = new ArrayList<>();
    for (JsonNode location : Json.MAPPER.readTree(response.body())) {
      JsonNode data = location.path("data");
      locations.add(new Registered(data.path("id").asText(), data.path("type").asText(), data.path("target").asText()));
    }
    return locations;
  }

  /** Unregisters location {@code id} (the catalog removes what it gave); false when it was gone already. */
  public boolean unregister(String id) throws IOException {
    HttpResponse<byte[]> response = catalog.delete("/locations/" + URLEncoder.encode(id, StandardCharsets.UTF_8));
    if (response.statusCode() == 404) {
      return false;
    }
    if (response.statusCode() / 100 != 2) {
      throw new IOException("catalog answered " + response.statusCode() + " to the removal of location " + id);
    }
    return true;
  }
}
