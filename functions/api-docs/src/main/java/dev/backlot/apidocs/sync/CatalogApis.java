package dev.backlot.apidocs.sync;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlot.platform.http.Json;
import dev.backlot.platform.http.LinkHeader;
import dev.backlot.platform.http.SharedHttpClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The catalog's API entities, read over its HTTP API like any other client: one plugin never reads
 * another's tables. The catalog has already resolved {@code $text}/{@code $json}/{@code $yaml}
 * placeholders, so {@code spec.definition} arrives as text (or as the parsed document).
 */
public final class CatalogApis {
  static final String FIELDS = "kind,metadata.namespace,metadata.name,spec.type,spec.definition";
  private static final int PAGE = 100;
  private static final int MAX_PAGES = 1000;

  private final String catalogUrl;
  private final Supplier<String> authorization;

  /**
   * @param baseUrl the gateway, {@code backend.baseUrl}; the catalog is under {@code /api/catalog}
   * @param authorization this plugin's service credentials for the catalog, asked per call so
   *     short-lived tokens are fresh
   */
  public CatalogApis(String baseUrl, Supplier<String> authorization) {
    this.catalogUrl = (baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl) + "/api/catalog";
    this.authorization = authorization;
  }

  /** An API entity as the catalog has it. */
  public record ApiEntity(String namespace, String name, String type, String definition) {}

  /** Every API entity, following the catalog's pages; any failure throws and nothing is returned. */
  public List<ApiEntity> list() throws IOException, InterruptedException {
    List<ApiEntity> entities = new ArrayList<>();
    String next = "/entities?filter=kind=api&limit=" + PAGE + "&fields=" + FIELDS;
    for (int page = 0; next != null && page < MAX_PAGES; page++) {
      HttpResponse<byte[]> response = SharedHttpClient.get().send(HttpRequest.newBuilder(URI.create(catalogUrl + next))
          .timeout(Duration.ofSeconds(60))
          .header("Authorization", authorization.get())
          .header("Accept", "application/json")
          .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        throw new IOException("catalog answered " + response.statusCode() + " to GET " + next);
      }
      for (JsonNode entity : Json.MAPPER.readTree(response.body())) {
        entities.add(entity(entity));
      }
      next = response.headers().firstValue("link").map(CatalogApis::nextPage).orElse(null);
    }
    return entities;
  }

  private static ApiEntity entity(JsonNode entity) {
    JsonNode definition = entity.path("spec").path("definition");
    String text = definition.isTextual() ? definition.asText()
        : definition.isContainerNode() ? definition.toString() : null;
    return new ApiEntity(entity.path("metadata").path("namespace").asText("default"), entity.path("metadata").path("name").asText(),
        entity.path("spec").path("type").asText(null), text);
  }

  /** The next page's path below the catalog's prefix, from Backstage's {@code Link} header. */
  static String nextPage(String link) {
    String target = LinkHeader.next(link).orElse(null);
    if (target == null) {
      return null;
    }
    int api = target.indexOf("/api/catalog/");
    // The catalog answers with a path below its own prefix; an absolute link is cut to that path.
    return api >= 0 ? target.substring(api + "/api/catalog".length()) : target.startsWith("/") ? target : null;
  }
}
