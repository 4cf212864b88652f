package dev.backlot.catalog.ingestion;

import dev.backlot.catalog.storage.RefreshLeases;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.config.ConfigException;
import dev.backlot.platform.db.Dialect;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The scheduler's {@code POST /refresh}: claims due locations and hands each to a unit of work
 * ({@link Units}: in a deployment a request to the catalog's own endpoint, which Cloud Run spreads
 * over instances), at most {@code catalog.refreshConcurrency} at a time, claiming more as units
 * finish. It claims until nothing is due or {@code catalog.refreshTimeBudgetSeconds} have passed,
 * then waits for the units in flight at most {@link #GRACE} more and answers: by default 55 s
 * after it began, within the 60 s deadline of Cloud Scheduler's call (the API gateway's and Cloud
 * Run's {@code request_timeout_seconds}). A unit still running then finishes on its own and
 * releases its lease itself; what is left due waits for the next tick.
 */
public final class RefreshFanOut {
  private static final Logger LOG = Logger.getLogger(RefreshFanOut.class.getName());
  /** How long after the time budget the call waits for its units before it answers. */
  static final Duration GRACE = Duration.ofSeconds(15);
  /** Units one instance of the catalog (1 vCPU, a pool of 10 connections) carries at once. */
  static final int UNITS_PER_INSTANCE = 8;

  /** Refreshes one claimed location somewhere, within {@code timeout}; empty when its lease was no longer held. */
  public interface Units {
    Optional<LocationRefresh.Outcome> refresh(RefreshLeases.Lease lease, Duration timeout) throws Exception;
  }

  /**
   * What one call did: locations claimed, refreshed (their outcomes in {@code locations}, errors
   * included), skipped (lease lost), failed (the unit itself failed: its location is due again
   * when its lease expires) and unfinished when the call answered.
   */
  public record Summary(int claimed, int refreshed, int skipped, int failed, int unfinished, List<LocationRefresh.Outcome> locations) {}

  private final LocationRefresh refresh;
  private final Units units;
  private final int concurrency;
  private final Duration timeBudget;
  private final Clock clock;

  public RefreshFanOut(LocationRefresh refresh, Units units, int concurrency, Duration timeBudget, Clock clock) {
    this.refresh = refresh;
    this.units = units;
    this.concurrency = concurrency;
    this.timeBudget = timeBudget;
    this.clock = clock;
  }

  /**
   * {@code catalog.refreshConcurrency}, by default {@link #UNITS_PER_INSTANCE} for each of the
   * manifest's maxInstances; on SQLite (one file, one writer at a time) one by default, as units
   * running at once would only queue for its lock.
   */
  public static int concurrency(Config config, int maxInstances, Dialect dialect) {
    int value = config.getOptionalInt("catalog.refreshConcurrency").orElse(dialect == Dialect.SQLITE ? 1 : maxInstances * UNITS_PER_INSTANCE);
    if (value < 1 || value > 1000) {
      throw new ConfigException("catalog.refreshConcurrency must be between 1 and 1000, not " + value);
    }
    return value;
  }

  /** {@code catalog.refreshTimeBudgetSeconds}: how long one call claims work. */
  public static Duration timeBudget(Config config) {
    int seconds = config.getOptionalInt("catalog.refreshTimeBudgetSeconds").orElse(40);
    if (seconds < 1 || seconds > 3600) {
      throw new ConfigException("catalog.refreshTimeBudgetSeconds must be between 1 and 3600, not " + seconds);
    }
    return Duration.ofSeconds(seconds);
  }

  public Summary run() {
    Instant stopClaiming = clock.instant().plus(timeBudget);
    Instant answerBy = stopClaiming.plus(GRACE);
    refresh.track();
    Semaphore slots = new Semaphore(concurrency);
    AtomicInteger refreshed = new AtomicInteger();
    AtomicInteger skipped = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    ConcurrentLinkedQueue<LocationRefresh.Outcome> outcomes = new ConcurrentLinkedQueue<>();
    int claimed = 0;
    ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    try {
      while (untilNow(stopClaiming) > 0 && slots.tryAcquire(untilNow(stopClaiming), TimeUnit.MILLISECONDS)) {
        int free = 1 + slots.drainPermits();
        List<RefreshLeases.Lease> leases = refresh.claimDue(free);
        slots.release(free - leases.size());
        if (leases.isEmpty()) {
          break; // nothing due now that no one else holds: due-ness changes only with time
        }
        claimed += leases.size();
        for (RefreshLeases.Lease lease : leases) {
          threads.submit(() -> {
            try {
              Optional<LocationRefresh.Outcome> outcome = units.refresh(lease, Duration.ofMillis(Math.max(1, untilNow(answerBy))));
              outcome.ifPresentOrElse(o -> {
                outcomes.add(o);
                refreshed.incrementAndGet();
              }, skipped::incrementAndGet);
            } catch (Exception e) {
              // One unit's failure stops no other; its lease expires and the next tick takes it.
              LOG.log(Level.WARNING, "the refresh of " + lease.location().key() + " failed", e);
              outcomes.add(LocationRefresh.Outcome.failed(lease.location().key(), "refresh failed: " + e.getMessage()));
              failed.incrementAndGet();
            } finally {
              slots.release();
            }
          });
        }
      }
      threads.shutdown();
      threads.awaitTermination(Math.max(0, untilNow(answerBy)), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      threads.shutdown(); // a failed claim ends the call; the units already sent still end within answerBy
    }
    // Units still running are left to finish: they end at answerBy (their timeout) or on their own instance.
    int done = refreshed.get() + skipped.get() + failed.get();
    return new Summary(claimed, refreshed.get(), skipped.get(), failed.get(), claimed - done, new ArrayList<>(outcomes));
  }

  private long untilNow(Instant deadline) {
    return Duration.between(clock.instant(), deadline).toMillis();
  }
}
