package dev.backlot.catalog.ingestion;

import dev.backlot.catalog.storage.EntityStore;
import dev.backlot.platform.config.Config;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * Refreshes the locations listed in {@code catalog.locations}: each is processed and its entities
 * written in one transaction. Bounded and idempotent, so a scheduler call, a local timer or two
 * instances at once do no harm: unchanged entities are not rewritten.
 */
public final class ConfigLocations {
  private static final Logger LOG = Logger.getLogger(ConfigLocations.class.getName());

  private final List<LocationSpec> locations;
  private final LocationProcessor processor;
  private final EntityStore store;

  public ConfigLocations(Config config, LocationProcessor processor, EntityStore store) {
    this.locations = config.getOptionalConfigList("catalog.locations").orElse(List.of()).stream()
        .map(c -> new LocationSpec(c.getString("type"), c.getString("target")))
        .toList();
    this.processor = processor;
    this.store = store;
  }

  /** The outcome of one location's refresh. */
  public record Outcome(String location, int written, int unchanged, int removed, boolean complete, List<String> errors) {}

  public List<Outcome> refresh() {
    List<Outcome> outcomes = new ArrayList<>();
    for (LocationSpec location : locations) {
      LocationProcessor.Result result = processor.process(location);
      String origin = result.entities().get(0).path("spec").path("type").asText() + ":"
          + result.entities().get(0).path("spec").path("target").asText();
      EntityStore.Applied applied = store.replace(origin, result.entities(), result.complete());
      List<String> errors = new ArrayList<>(result.errors());
      errors.addAll(applied.conflicts());
      errors.forEach(error -> LOG.warning(error));
      outcomes.add(new Outcome(origin, applied.written(), applied.unchanged(), applied.removed(), result.complete(), errors));
    }
    return outcomes;
  }
}
