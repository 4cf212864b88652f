package dev.backlot.catalog.ingestion;

import dev.backlot.catalog.model.ProcessingError;
import dev.backlot.catalog.storage.EntityStore;
import dev.backlot.catalog.storage.LocationStore;
import dev.backlot.catalog.storage.RefreshLeases;
import dev.backlot.catalog.storage.Replacement;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.config.ConfigException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Refreshes locations: those listed in {@code catalog.locations} and those registered through
 * the API. Each is processed and its entities written in one transaction. There is no loop:
 * each call (the scheduler's, a timer's locally) leases a bounded batch of due locations, so
 * instances running at once share the work and never refresh one location twice at a time.
 * Entities a location stops emitting are deleted, or with {@code catalog.orphanStrategy: keep}
 * marked as orphans, as in Backstage; those it emits but the catalog rules refuse are deleted.
 */
public final class LocationRefresh {
  private static final Logger LOG = Logger.getLogger(LocationRefresh.class.getName());
  /** Long enough for the largest location; a crashed instance's lease expires after it. */
  private static final Duration LEASE = Duration.ofMinutes(10);
  /** Scheduler ticks drift: a location due within this margin is taken by this tick, not the next. */
  private static final Duration EARLY = Duration.ofMinutes(1);

  private final List<LocationSpec> configured;
  private final LocationStore registered;
  private final LocationProcessor processor;
  private final EntityStore store;
  private final RefreshLeases leases;
  private final boolean keepOrphans;
  private final Duration interval;
  private final int batchSize;
  private final String owner = UUID.randomUUID().toString();

  public LocationRefresh(Config config, LocationStore registered, LocationProcessor processor, EntityStore store, RefreshLeases leases) {
    this.configured = config.getOptionalConfigList("catalog.locations").orElse(List.of()).stream()
        .map(c -> new LocationSpec(c.getString("type"), c.getString("target")))
        .toList();
    this.registered = registered;
    this.processor = processor;
    this.store = store;
    this.leases = leases;
    String strategy = config.getOptionalString("catalog.orphanStrategy").orElse("delete");
    if (!strategy.equals("delete") && !strategy.equals("keep")) {
      throw new ConfigException("catalog.orphanStrategy must be 'delete' or 'keep', not '" + strategy + "'");
    }
    this.keepOrphans = strategy.equals("keep");
    this.interval = config.getOptionalConfig("catalog.processingInterval").map(LocationRefresh::duration).orElse(Duration.ofMinutes(5));
    this.batchSize = config.getOptionalInt("catalog.refreshBatchSize").orElse(20);
  }

  /** Backstage's human durations: {@code {minutes: 5}}, {@code {seconds: 30}}, {@code {hours: 1}}. */
  private static Duration duration(Config config) {
    return Duration.ofHours(config.getOptionalLong("hours").orElse(0L))
        .plusMinutes(config.getOptionalLong("minutes").orElse(0L))
        .plusSeconds(config.getOptionalLong("seconds").orElse(0L));
  }

  /** The outcome of one location's refresh. */
  public record Outcome(String location, int written, int unchanged, int removed, int orphaned, boolean complete, List<String> errors) {}

  /** Refreshes the locations that are due, at most {@code catalog.refreshBatchSize} of them. */
  public List<Outcome> refreshDue() {
    long now = System.currentTimeMillis();
    leases.track(known(), now);
    List<LocationSpec> due = leases.claimDue(owner, batchSize, now, now + EARLY.toMillis(), now + LEASE.toMillis());
    return due.stream().map(this::refreshLeased).toList();
  }

  /**
   * Refreshes one location now, as registering it or asking for one of its entities does;
   * empty while another instance is refreshing it.
   */
  public Optional<Outcome> refresh(LocationSpec location) {
    LocationSpec canonical = processor.canonical(location);
    long now = System.currentTimeMillis();
    leases.track(known(), now);
    if (!leases.claim(canonical, owner, now, now + LEASE.toMillis())) {
      return Optional.empty();
    }
    return Optional.of(refreshLeased(canonical));
  }

  /** Refreshes the location that emitted {@code entityRef}; empty when none is known or it is busy. */
  public Optional<Outcome> refreshEntity(String entityRef) {
    Optional<String> origin = store.originOf(entityRef);
    return known().stream().filter(l -> origin.isPresent() && l.key().equals(origin.get())).findFirst().flatMap(this::refresh);
  }

  private Outcome refreshLeased(LocationSpec location) {
    try {
      return process(location);
    } catch (RuntimeException e) {
      // One location's failure (its transaction rolled back, nothing lost) must not stop the batch.
      LOG.log(java.util.logging.Level.WARNING, "refreshing " + location.key() + " failed", e);
      return new Outcome(location.key(), 0, 0, 0, 0, false, List.of("refresh failed: " + e.getMessage()));
    } finally {
      leases.release(location, owner, System.currentTimeMillis() + interval.toMillis());
    }
  }

  private Outcome process(LocationSpec location) {
    String origin = location.key();
    LocationProcessor.Result result;
    EntityStore.Applied applied;
    try (Replacement replacement = store.replacing(origin, keepOrphans)) {
      result = Pipeline.run(processor, location, replacement::add);
      // Even when orphans are kept or part of the location could not be read: what the rules refuse
      // (a User in someone's catalog-info.yaml, stored before the rules said so) must not stay.
      replacement.remove(result.refused().stream().map(ProcessingError::entityRef).toList());
      applied = replacement.finish(result.complete(), result.retained(), result.errors(), LocationProcessor.generatedRef(location));
    }
    List<String> errors = new ArrayList<>(result.messages());
    errors.addAll(applied.conflicts());
    errors.forEach(error -> LOG.warning(error));
    return new Outcome(origin, applied.written(), applied.unchanged(), applied.removed(), applied.orphaned(), result.complete(), errors);
  }

  /** Every configured and registered location, as their entities' annotations name them. */
  private List<LocationSpec> known() {
    List<LocationSpec> all = new ArrayList<>();
    configured.forEach(location -> all.add(processor.canonical(location)));
    registered.list().forEach(location -> all.add(processor.canonical(location.spec())));
    return all;
  }

  /** Removes what {@code location} put in the catalog, as deleting a location does in Backstage. */
  public int forget(LocationSpec location) {
    return store.replace(processor.canonical(location).key(), List.of(), true).removed();
  }
}
