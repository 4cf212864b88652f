package dev.backlot.catalog.ingestion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.catalog.model.EntityRef;
import dev.backlot.catalog.model.EntityValidator;
import dev.backlot.catalog.model.InvalidEntityException;
import dev.backlot.catalog.storage.EntityStore;
import dev.backlot.catalog.storage.Replacement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An entity provider's mutation, Backstage's {@code EntityProviderConnection.applyMutation}: a
 * {@code full} one replaces every entity the provider put in the catalog (what it no longer
 * emits is deleted), a {@code delta} one adds or updates {@code added} and deletes {@code
 * removed}, only among the provider's own. Each entity may bring a {@code locationKey}: whoever
 * holds an entity under another key keeps it, and the provider is told of the conflict.
 * Everything is validated before anything is written, so one bad entity changes nothing.
 */
public final class ProviderMutation {
  /** Backstage leaves provider names free; these are safe in a path, a column and a location ref. */
  private static final Pattern PROVIDER = Pattern.compile("[a-z0-9][a-z0-9\\-_:.]{0,62}");

  private record Provided(ObjectNode entity, String locationKey) {}

  private final String provider;
  private final boolean full;
  private final List<Provided> entities;
  private final List<String> removed;

  private ProviderMutation(String provider, boolean full, List<Provided> entities, List<String> removed) {
    this.provider = provider;
    this.full = full;
    this.entities = entities;
    this.removed = removed;
  }

  /** The key of entities a provider emits without a {@code locationKey} of their own. */
  public static String defaultKey(String provider) {
    return "provider:" + provider;
  }

  /**
   * Reads {@code body} as {@code provider}'s mutation, defaulting namespaces and the managed-by
   * annotations as locations do (keeping those an entity brings); throws naming the first field
   * that is wrong, or every invalid entity.
   */
  public static ProviderMutation parse(String provider, JsonNode body) {
    if (!PROVIDER.matcher(provider).matches()) {
      throw new InvalidEntityException("Invalid provider name '" + provider + "': use 1-63 of a-z, 0-9, '-', '_', ':' and '.', starting with a letter or digit");
    }
    String type = body.path("type").asText("");
    if (!type.equals("full") && !type.equals("delta")) {
      throw new InvalidEntityException("request/body/type must be 'full' or 'delta'");
    }
    boolean full = type.equals("full");
    String listName = full ? "entities" : "added";
    List<String> problems = new ArrayList<>();
    List<Provided> entities = new ArrayList<>();
    JsonNode list = body.path(listName);
    if (!list.isArray() && (full || !list.isMissingNode())) {
      throw new InvalidEntityException("request/body/" + listName + " must be an array");
    }
    for (int i = 0; i < list.size(); i++) {
      JsonNode item = list.get(i);
      String at = listName + "[" + i + "]";
      String locationKey = item.path("locationKey").isTextual() ? item.get("locationKey").asText() : defaultKey(provider);
      if (!(item.path("entity") instanceof ObjectNode entity)) {
        problems.add(at + ": entity must be an object");
        continue;
      }
      annotate(entity, locationKey);
      List<String> invalid = EntityValidator.validate(entity);
      if (invalid.isEmpty()) {
        entities.add(new Provided(entity, locationKey));
      } else {
        problems.add(at + ": " + entity.path("kind").asText("?") + " '" + entity.path("metadata").path("name").asText("?") + "': "
            + String.join("; ", invalid));
      }
    }
    List<String> removed = new ArrayList<>();
    JsonNode removals = body.path("removed");
    if (!full && !removals.isMissingNode() && !removals.isArray()) {
      throw new InvalidEntityException("request/body/removed must be an array");
    }
    for (int i = 0; !full && i < removals.size(); i++) {
      JsonNode item = removals.get(i);
      try {
        removed.add(item.has("entityRef")
            ? EntityRef.parse(item.path("entityRef").asText(""), null, EntityRef.DEFAULT_NAMESPACE).toString()
            : EntityRef.of(item.path("entity")).toString());
      } catch (RuntimeException e) {
        problems.add("removed[" + i + "]: needs an entityRef or an entity with kind and metadata.name (" + e.getMessage() + ")");
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidEntityException("Invalid mutation, nothing was applied: " + String.join(" | ", problems));
    }
    return new ProviderMutation(provider, full, entities, removed);
  }

  /** Applies the mutation in one transaction. */
  public EntityStore.Applied apply(EntityStore store) {
    try (Replacement replacement = store.providing(provider, defaultKey(provider))) {
      entities.forEach(provided -> replacement.provide(provided.entity(), provided.locationKey()));
      replacement.remove(removed);
      return replacement.finish(full, Set.of(), List.of(), null);
    }
  }

  private static void annotate(ObjectNode entity, String locationKey) {
    if (!(entity.get("metadata") instanceof ObjectNode metadata)) {
      return;
    }
    if (!metadata.has("namespace")) {
      metadata.put("namespace", EntityRef.DEFAULT_NAMESPACE);
    }
    ObjectNode annotations = metadata.get("annotations") instanceof ObjectNode existing ? existing : metadata.putObject("annotations");
    if (!annotations.has(LocationProcessor.MANAGED_BY_LOCATION)) {
      annotations.put(LocationProcessor.MANAGED_BY_LOCATION, locationKey);
    }
    if (!annotations.has(LocationProcessor.MANAGED_BY_ORIGIN_LOCATION)) {
      annotations.put(LocationProcessor.MANAGED_BY_ORIGIN_LOCATION, annotations.get(LocationProcessor.MANAGED_BY_LOCATION).asText());
    }
  }
}
