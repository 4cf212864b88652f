package dev.backlot.apidocs.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.catalog.client.CatalogClient;
import dev.backlot.catalog.client.EntityFilterQuery;
import dev.backlot.catalog.client.QueryEntitiesRequest;
import java.io.IOException;
import java.util.List;

/**
 * An API entity as the catalog has it, read over its API like any client's: one plugin never
 * reads another's tables. The catalog has already resolved {@code $text}/{@code $json}/{@code
 * $yaml} placeholders, so {@code spec.definition} arrives as text (or as the parsed document).
 */
public record ApiEntity(String namespace, String name, String type, String definition) {
  private static final int PAGE = 100;
  private static final QueryEntitiesRequest EVERY_API = QueryEntitiesRequest.where(EntityFilterQuery.where("kind", "api"))
      .fields("kind", "metadata.namespace", "metadata.name", "spec.type", "spec.definition").limit(PAGE);

  /** Every API entity, following the catalog's pages; any failure throws and nothing is returned. */
  public static List<ApiEntity> all(CatalogClient catalog) throws IOException {
    return catalog.queryAllEntities(EVERY_API).stream().map(ApiEntity::of).toList();
  }

  static ApiEntity of(ObjectNode entity) {
    JsonNode definition = entity.path("spec").path("definition");
    String text = definition.isTextual() ? definition.asText() : definition.isContainerNode() ? definition.toString() : null;
    return new ApiEntity(entity.path("metadata").path("namespace").asText("default"), entity.path("metadata").path("name").asText(),
        entity.path("spec").path("type").asText(null), text);
  }
}
