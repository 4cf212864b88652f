package dev.backlot.techdocs.sync;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlot.techdocs.site.EntityTriplet;

/**
 * An entity with a {@code backstage.io/techdocs-ref}, as the sync needs it: its triplet, the
 * reference, and the location of its catalog file (the catalog's
 * {@code backstage.io/managed-by-location}, which the catalog itself writes).
 */
public record DocumentedEntity(EntityTriplet triplet, String techdocsRef, String managedByLocation) {
  static final String TECHDOCS_REF = "backstage.io/techdocs-ref";
  static final String MANAGED_BY_LOCATION = "backstage.io/managed-by-location";

  static DocumentedEntity of(JsonNode entity) {
    JsonNode metadata = entity.path("metadata");
    JsonNode annotations = metadata.path("annotations");
    return new DocumentedEntity(
        new EntityTriplet(metadata.path("namespace").asText("default"), entity.path("kind").asText(), metadata.path("name").asText()),
        annotations.path(TECHDOCS_REF).asText("").strip(), annotations.path(MANAGED_BY_LOCATION).asText(""));
  }
}
