package dev.backlot.testing;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Waits, with a bound, for something a test started to happen elsewhere (a request reaching a
 * server, a log line written after an answer, a key expiring): asks every 20 ms and fails with
 * {@code failure} once {@code timeout} has passed, so no test sleeps a guessed fixed time.
 */
public final class Poll {
  private Poll() {}

  /** A condition that may need I/O to tell. */
  public interface Condition {
    boolean holds() throws Exception;
  }

  public static void until(Duration timeout, Condition condition, Supplier<String> failure) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.holds()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(failure.get());
      }
      Thread.sleep(20);
    }
  }
}
