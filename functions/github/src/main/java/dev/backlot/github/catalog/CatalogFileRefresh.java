package dev.backlot.github.catalog;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.catalog.client.CatalogClient;
import dev.backlot.catalog.client.CatalogClientException;
import dev.backlot.catalog.client.EntityFilterQuery;
import dev.backlot.catalog.client.QueryEntitiesRequest;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Refreshes, now, what the catalog read from a catalog file a push changed. A file is known to the
 * catalog when some entity carries it in {@code backstage.io/managed-by-location}; refreshing that
 * entity refreshes the registered location that reaches the file, directly or through Location
 * entities.
 */
public final class CatalogFileRefresh {
  private static final String MANAGED_BY = "metadata.annotations.backstage.io/managed-by-location";

  private final CatalogClient catalog;

  public CatalogFileRefresh(CatalogClient catalog) {
    this.catalog = catalog;
  }

  /** Refreshes the location that read url {@code file}; false when the catalog has read nothing from it (or it is gone meanwhile). */
  public boolean refresh(String file) throws IOException {
    Optional<String> entity = entityReadFrom(file);
    if (entity.isEmpty()) {
      return false;
    }
    try {
      catalog.refreshEntity(entity.get());
      return true;
    } catch (CatalogClientException e) {
      if (e.status() == 404) {
        return false;
      }
      throw e;
    }
  }

  /** The ref of an entity the catalog read from url location {@code file}, if it has read any. */
  private Optional<String> entityReadFrom(String file) throws IOException {
    List<ObjectNode> entities = catalog.queryEntities(QueryEntitiesRequest.where(EntityFilterQuery.where(MANAGED_BY, "url:" + file))
        .fields("kind", "metadata.namespace", "metadata.name").limit(1)).items();
    return entities.stream().findFirst().map(entity -> entity.path("kind").asText().toLowerCase(Locale.ROOT) + ":"
        + entity.path("metadata").path("namespace").asText("default") + "/" + entity.path("metadata").path("name").asText());
  }
}
