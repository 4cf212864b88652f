package dev.backlot.catalog.ingestion.github;

import java.time.Duration;

/** Waits; tests pass one that records the wait and returns at once. */
@FunctionalInterface
interface Sleeper {
  Sleeper REAL = duration -> Thread.sleep(duration.toMillis());

  void sleep(Duration duration) throws InterruptedException;
}
