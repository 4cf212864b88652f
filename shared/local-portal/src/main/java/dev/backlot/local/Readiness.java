package dev.backlot.local;

import java.io.IOException;
import java.time.Duration;

/**
 * Waits for a child process to answer: polls {@code probe} until it says ready, failing as soon
 * as the process exits or {@code timeout} passes. One loop for every process the local portal and
 * the rehearsal start (shell, sign-in provider, GitHub stand-in); an I/O error means "not
 * listening yet".
 */
public final class Readiness {
  /** One look at whether the process answers as wanted. */
  @FunctionalInterface
  public interface Probe {
    boolean ready() throws IOException, InterruptedException;
  }

  private Readiness() {}

  /** Returns once {@code probe} is ready; throws IllegalStateException naming {@code what} otherwise. */
  public static void await(Process process, String what, Probe probe, Duration timeout, Duration every)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(what + " exited while starting (exit code " + process.exitValue() + ")");
      }
      try {
        if (probe.ready()) {
          return;
        }
      } catch (IOException notYet) {
        // Not listening yet.
      }
      Thread.sleep(every);
    }
    throw new IllegalStateException(what + " did not answer within " + timeout.toSeconds() + " s");
  }
}
