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
import java.util.stream.Stream;

/**
 * Refreshes locations: those listed in {@code catalog.locations} and those registered through
 * the API. Each is processed and its entities written in one transaction, under a lease on the
 * location. There is no loop: the scheduler's call (a timer's locally) claims due locations and
 * fans them out ({@link RefreshFanOut}), one {@link #refreshClaimed} each, so instances running at
 * once share the work and never refresh one location twice at a time. Entities a location stops
 * emitting are deleted, or with {@code catalog.orphanStrategy: keep} marked as orphans, as in
 * Backstage; those it emits but the catalog rules refuse are deleted.
 */
public final class LocationRefresh {
  private static final Logger LOG = Logger.getLogger(LocationRefresh.class.getName());
  /**
   * A unit runs within one request (60 s deadline); a lease outlives it twice, so a crashed
   * instance's locations are due again two minutes later. A slower refresh still keeps its
   * location: the lease row is locked while its entities are written, and claims skip locked rows.
   */
  private static final Duration LEASE = Duration.ofMinutes(2);
  /** Scheduler ticks drift: a location due within this margin is taken by this tick, not the next. */
  private static final Duration EARLY = Duration.ofMinutes(1);

  private final List<LocationSpec> configured;
  private final LocationStore registered;
  private final LocationProcessor processor;
  private final EntityStore store;
  private final RefreshLeases leases;
  private final boolean keepOrphans;
  private final Duration interval;

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
  }

  /** Backstage's human durations: {@code {minutes: 5}}, {@code {seconds: 30}}, {@code {hours: 1}}. */
  private static Duration duration(Config config) {
    return Duration.ofHours(config.getOptionalLong("hours").orElse(0L))
        .plusMinutes(config.getOptionalLong("minutes").orElse(0L))
        .plusSeconds(config.getOptionalLong("seconds").orElse(0L));
  }

  /** The outcome of one location's refresh. */
  public record Outcome(String location, int written, int unchanged, int removed, int orphaned, boolean complete, List<String> errors) {
    static Outcome failed(String location, String error) {
      return new Outcome(location, 0, 0, 0, 0, false, List.of(error));
    }
  }

  /** Brings the tracked locations in line with config and the registered ones: new ones are due now. */
  public void track() {
    leases.track(configured.stream().map(processor::canonical).toList(), processor::canonical, System.currentTimeMillis());
  }

  /** Leases up to {@code limit} due locations (by the next tick, see {@code EARLY}) to a new owner. */
  public List<RefreshLeases.Lease> claimDue(int limit) {
    String owner = UUID.randomUUID().toString();
    long now = System.currentTimeMillis();
    return leases.claimDue(owner, limit, now, now + EARLY.toMillis(), now + LEASE.toMillis()).stream()
        .map(location -> new RefreshLeases.Lease(location, owner))
        .toList();
  }

  /**
   * Refreshes one location now, as registering it or asking for one of its entities does;
   * empty while another instance is refreshing it.
   */
  public Optional<Outcome> refresh(LocationSpec location) {
    LocationSpec canonical = processor.canonical(location);
    String owner = UUID.randomUUID().toString();
    long now = System.currentTimeMillis();
    track();
    if (!leases.claim(canonical, owner, now, now + LEASE.toMillis())) {
      return Optional.empty();
    }
    return refreshClaimed(new RefreshLeases.Lease(canonical, owner));
  }

  /** Refreshes the location that emitted {@code entityRef}; empty when none is known or it is busy. */
  public Optional<Outcome> refreshEntity(String entityRef) {
    Optional<String> origin = store.originOf(entityRef);
    return Stream.concat(configured.stream(), registered.list().stream().map(LocationStore.Registered::spec)).map(processor::canonical)
        .filter(l -> origin.isPresent() && l.key().equals(origin.get())).findFirst().flatMap(this::refresh);
  }

  /**
   * Refreshes a location claimed by {@link #claimDue} (one unit of a fan-out) and releases it, due
   * again after {@code catalog.processingInterval}; empty, writing nothing, when the lease is no
   * longer held: the location was deleted, or its lease expired and passed to another caller.
   */
  public Optional<Outcome> refreshClaimed(RefreshLeases.Lease lease) {
    LocationSpec location = lease.location();
    try {
      return process(lease);
    } catch (RuntimeException e) {
      // One location's failure (its transaction rolled back, nothing lost) must not stop the others.
      LOG.log(java.util.logging.Level.WARNING, "refreshing " + location.key() + " failed", e);
      return Optional.of(Outcome.failed(location.key(), "refresh failed: " + e.getMessage()));
    } finally {
      leases.release(location, lease.owner(), System.currentTimeMillis() + interval.toMillis());
    }
  }

  private Optional<Outcome> process(RefreshLeases.Lease lease) {
    LocationSpec location = lease.location();
    String origin = location.key();
    LocationProcessor.Result result;
    EntityStore.Applied applied;
    if (!leases.isHeld(lease)) {
      return leaseLost(origin);
    }
    try (Replacement replacement = store.replacing(origin, keepOrphans)) {
      result = Pipeline.run(processor, location, replacement::add);
      // Even when orphans are kept or part of the location could not be read: what the rules refuse
      // (a User in someone's catalog-info.yaml, stored before the rules said so) must not stay.
      replacement.remove(result.refused().stream().map(ProcessingError::entityRef).toList());
      // Checked again, locked, as the last step before commit: deleted while being read, nothing is written.
      if (!replacement.holds(lease)) {
        return leaseLost(origin);
      }
      applied = replacement.finish(result.complete(), result.retained(), result.errors(), LocationProcessor.generatedRef(location));
    }
    List<String> errors = new ArrayList<>(result.messages());
    errors.addAll(applied.conflicts());
    errors.forEach(error -> LOG.warning(error));
    return Optional.of(new Outcome(origin, applied.written(), applied.unchanged(), applied.removed(), applied.orphaned(), result.complete(), errors));
  }

  private static Optional<Outcome> leaseLost(String origin) {
    LOG.info(() -> "not refreshing " + origin + ": its lease is no longer held (deleted, or taken over)");
    return Optional.empty();
  }

  /** Removes what {@code location} put in the catalog, as deleting a location does in Backstage. */
  public int forget(LocationSpec location) {
    LocationSpec canonical = processor.canonical(location);
    // First the lease (waiting for a refresh writing under it), then the entities: none come back.
    leases.forget(canonical);
    return store.replace(canonical.key(), List.of(), true).removed();
  }
}
