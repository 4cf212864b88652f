package dev.backlot.local;

import java.io.PrintStream;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * A plugin's process, started by the first request for it, as Cloud Run starts a service that
 * has scaled to zero: requests that arrive meanwhile wait for that one start. Locally this keeps
 * the first hop (the shell) and the plugins a page needs from sharing the CPU with plugins nobody
 * has called yet. A start that failed is tried again by the next request.
 */
final class OnDemandFunction implements AutoCloseable {
  private final String name;
  private final Supplier<RunningFunction> launch;
  private final PrintStream out;
  private CompletableFuture<RunningFunction> start;
  private boolean closed;

  OnDemandFunction(String name, Supplier<RunningFunction> launch, PrintStream out) {
    this.name = name;
    this.launch = launch;
    this.out = out;
  }

  /** The base URL of the running process, starting it if no start is under way or done. */
  CompletableFuture<String> baseUrl() {
    return start().thenApply(RunningFunction::baseUrl);
  }

  private synchronized CompletableFuture<RunningFunction> start() {
    if (closed) {
      return CompletableFuture.failedFuture(new IllegalStateException("the portal is stopping"));
    }
    if (start == null || start.isCompletedExceptionally()) {
      long begun = System.nanoTime();
      start = CompletableFuture.supplyAsync(launch, task -> Thread.ofVirtual().name("start-" + name).start(task));
      start.whenComplete((running, failure) -> out.println(failure == null
          ? "[portal] " + name + " started on its first request in " + (System.nanoTime() - begun) / 1_000_000 + " ms"
          : "[portal] " + name + " did not start: " + (failure.getCause() == null ? failure : failure.getCause()).getMessage()));
    }
    return start;
  }

  /** The process, once started. */
  synchronized Optional<RunningFunction> running() {
    return start != null && start.isDone() && !start.isCompletedExceptionally() ? Optional.of(start.join()) : Optional.empty();
  }

  /** Stops the process, waiting for a start under way to finish first. */
  @Override
  public void close() {
    CompletableFuture<RunningFunction> last;
    synchronized (this) {
      closed = true;
      last = start;
    }
    if (last != null) {
      last.handle((running, failure) -> running).join();
      running().ifPresent(RunningFunction::close);
    }
  }
}
