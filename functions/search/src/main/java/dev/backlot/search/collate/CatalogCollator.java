package dev.backlot.search.collate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.catalog.client.CatalogClient;
import dev.backlot.catalog.client.QueryEntitiesRequest;
import dev.backlot.search.engine.SearchDocument;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** {@code software-catalog} documents, read from the catalog through its client, a page of entities a batch. */
public final class CatalogCollator implements Collator {
  private static final String[] FIELDS = {"kind", "metadata.name", "metadata.namespace", "metadata.title", "metadata.description",
      "metadata.tags", "spec.type", "spec.lifecycle", "spec.owner"};

  private final CatalogClient catalog;

  public CatalogCollator(CatalogClient catalog) {
    this.catalog = catalog;
  }

  @Override
  public String type() {
    return CatalogDocuments.TYPE;
  }

  @Override
  public Batch read(String cursor, int size) throws IOException {
    QueryEntitiesRequest request = QueryEntitiesRequest.where(null).fields(FIELDS).limit(size);
    CatalogClient.QueryEntitiesResponse page = catalog.queryEntities(cursor == null ? request : request.continuing(cursor));
    return new Batch(page.items().stream().map(CatalogDocuments::of).toList(), page.items().isEmpty() ? null : page.nextCursor().orElse(null));
  }

  @Override
  public Refreshed refresh(Collection<String> keys) throws IOException {
    List<String> refs = List.copyOf(keys);
    List<Optional<ObjectNode>> entities = catalog.getEntitiesByRefs(refs, List.of(FIELDS));
    List<SearchDocument> documents = new ArrayList<>();
    for (Optional<ObjectNode> entity : entities) {
      entity.ifPresent(found -> documents.add(CatalogDocuments.of(found)));
    }
    return new Refreshed(documents, refs);
  }
}
