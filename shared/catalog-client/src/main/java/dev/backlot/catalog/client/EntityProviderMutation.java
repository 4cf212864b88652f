package dev.backlot.catalog.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Backstage's {@code EntityProviderMutation}, sent to Backlot's {@code POST
 * /providers/:provider/mutations} by a provider that runs as another plugin: {@link #full} replaces
 * everything the provider put in the catalog, {@link #delta} adds or updates some entities and
 * removes others.
 */
public final class EntityProviderMutation {
  /** An entity and the location key that owns it (null: the provider's own key). */
  public record ProvidedEntity(ObjectNode entity, String locationKey) {}

  private final Map<String, Object> body;

  private EntityProviderMutation(Map<String, Object> body) {
    this.body = body;
  }

  public static EntityProviderMutation full(List<ProvidedEntity> entities) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "full");
    body.put("entities", items(entities));
    return new EntityProviderMutation(body);
  }

  /** Adds or updates {@code added} and deletes the entities {@code removedRefs} names, among the provider's own. */
  public static EntityProviderMutation delta(List<ProvidedEntity> added, List<String> removedRefs) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "delta");
    body.put("added", items(added));
    body.put("removed", removedRefs.stream().map(ref -> Map.of("entityRef", ref)).toList());
    return new EntityProviderMutation(body);
  }

  private static List<Map<String, Object>> items(List<ProvidedEntity> entities) {
    return entities.stream().map(provided -> {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("entity", provided.entity());
      if (provided.locationKey() != null) {
        item.put("locationKey", provided.locationKey());
      }
      return item;
    }).toList();
  }

  Map<String, Object> body() {
    return body;
  }
}
