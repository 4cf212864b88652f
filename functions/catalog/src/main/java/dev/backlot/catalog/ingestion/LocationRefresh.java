package dev.backlot.catalog.ingestion;

import dev.backlot.catalog.storage.EntityStore;
import dev.backlot.catalog.storage.LocationStore;
import dev.backlot.catalog.storage.Replacement;
import dev.backlot.platform.config.Config;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * Refreshes locations: those listed in {@code catalog.locations} and those registered through
 * the API. Each is processed and its entities written in one transaction. Idempotent, so a
 * scheduler call, a local timer or two instances at once do no harm: unchanged entities are not
 * rewritten.
 */
public final class LocationRefresh {
  private static final Logger LOG = Logger.getLogger(LocationRefresh.class.getName());

  private final List<LocationSpec> configured;
  private final LocationStore registered;
  private final LocationProcessor processor;
  private final EntityStore store;

  public LocationRefresh(Config config, LocationStore registered, LocationProcessor processor, EntityStore store) {
    this.configured = config.getOptionalConfigList("catalog.locations").orElse(List.of()).stream()
        .map(c -> new LocationSpec(c.getString("type"), c.getString("target")))
        .toList();
    this.registered = registered;
    this.processor = processor;
    this.store = store;
  }

  /** The outcome of one location's refresh. */
  public record Outcome(String location, int written, int unchanged, int removed, boolean complete, List<String> errors) {}

  /** Refreshes every configured and registered location. */
  public List<Outcome> refresh() {
    List<LocationSpec> all = new ArrayList<>(configured);
    registered.list().forEach(location -> all.add(location.spec()));
    return all.stream().map(this::refresh).toList();
  }

  public Outcome refresh(LocationSpec location) {
    LocationSpec canonical = processor.canonical(location);
    String origin = canonical.key();
    LocationProcessor.Result result;
    EntityStore.Applied applied;
    try (Replacement replacement = store.replacing(origin)) {
      result = processor.process(location, replacement::add);
      applied = replacement.finish(result.complete(), result.retained(), result.errors(), LocationProcessor.generatedRef(canonical));
    }
    List<String> errors = new ArrayList<>(result.messages());
    errors.addAll(applied.conflicts());
    errors.forEach(error -> LOG.warning(error));
    return new Outcome(origin, applied.written(), applied.unchanged(), applied.removed(), result.complete(), errors);
  }

  /** Removes what {@code location} put in the catalog, as deleting a location does in Backstage. */
  public int forget(LocationSpec location) {
    return store.replace(processor.canonical(location).key(), List.of(), true).removed();
  }
}
