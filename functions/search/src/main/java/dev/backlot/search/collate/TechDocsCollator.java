package dev.backlot.search.collate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.catalog.client.CatalogClient;
import dev.backlot.catalog.client.EntityFilterQuery;
import dev.backlot.catalog.client.QueryEntitiesRequest;
import dev.backlot.search.engine.SearchDocument;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code techdocs} documents, as Backstage's techdocs collator reads them: the entities with a
 * {@code backstage.io/techdocs-ref} from the catalog, and each one's published site's
 * {@code search/search_index.json} through techdocs' static route (never its bucket). An entity
 * without a published site has no documents; a site whose index is too large or not JSON is
 * skipped (logged), while techdocs being unreachable fails the batch, so nothing is removed.
 */
public final class TechDocsCollator implements Collator {
  static final String TECHDOCS_REF = "backstage.io/techdocs-ref";
  /** Entities a batch, at most: each is one call to techdocs. */
  static final int MAX_ENTITIES_PER_BATCH = 20;
  /** The largest search index read: 2,000 documents of well over 4 KiB each. */
  public static final long MAX_INDEX_BYTES = 16L * 1024 * 1024;
  private static final String[] FIELDS = {"kind", "metadata.name", "metadata.namespace", "metadata.title", "metadata.annotations",
      "spec.type", "spec.lifecycle", "spec.owner"};
  private static final Logger LOG = Logger.getLogger(TechDocsCollator.class.getName());

  private final CatalogClient catalog;
  private final PluginApi techdocs;
  private final boolean legacyCasing;

  /** {@code legacyCasing}: techdocs' {@code techdocs.legacyUseCaseSensitiveTripletPaths}, which keeps the triplet's case in URLs. */
  public TechDocsCollator(CatalogClient catalog, PluginApi techdocs, boolean legacyCasing) {
    this.catalog = catalog;
    this.techdocs = techdocs;
    this.legacyCasing = legacyCasing;
  }

  @Override
  public String type() {
    return TechDocsDocuments.TYPE;
  }

  @Override
  public Batch read(String cursor, int size) throws IOException {
    QueryEntitiesRequest request = QueryEntitiesRequest.where(EntityFilterQuery.whereExists("metadata.annotations." + TECHDOCS_REF))
        .fields(FIELDS).limit(Math.min(size, MAX_ENTITIES_PER_BATCH));
    CatalogClient.QueryEntitiesResponse page = catalog.queryEntities(cursor == null ? request : request.continuing(cursor));
    List<SearchDocument> documents = new ArrayList<>();
    for (ObjectNode entity : page.items()) {
      documents.addAll(documentsOf(entity));
    }
    return new Batch(documents, page.items().isEmpty() ? null : page.nextCursor().orElse(null));
  }

  @Override
  public Refreshed refresh(Collection<String> keys) throws IOException {
    List<String> refs = List.copyOf(keys);
    List<SearchDocument> documents = new ArrayList<>();
    for (Optional<ObjectNode> entity : catalog.getEntitiesByRefs(refs, List.of(FIELDS))) {
      if (entity.isPresent() && entity.get().path("metadata").path("annotations").hasNonNull(TECHDOCS_REF)) {
        documents.addAll(documentsOf(entity.get()));
      }
    }
    return new Refreshed(documents, refs);
  }

  private List<SearchDocument> documentsOf(ObjectNode entity) throws IOException {
    JsonNode metadata = entity.path("metadata");
    String namespace = metadata.path("namespace").asText("");
    String triplet = (namespace.isEmpty() ? "default" : namespace) + "/" + entity.path("kind").asText() + "/" + metadata.path("name").asText();
    String folder = legacyCasing ? triplet : triplet.toLowerCase(Locale.ROOT);
    if (!folder.matches("[A-Za-z0-9._-]+/[A-Za-z0-9._-]+/[A-Za-z0-9._-]+")) {
      return List.of();
    }
    Optional<JsonNode> index;
    try {
      index = techdocs.get("/static/docs/" + folder + "/search/search_index.json");
    } catch (PluginApi.TooLarge | JsonProcessingException e) {
      LOG.log(Level.WARNING, "the docs of " + folder + " are not indexed: " + e.getMessage());
      return List.of();
    }
    return index.map(json -> TechDocsDocuments.of(entity, folder, json)).orElse(List.of());
  }
}
