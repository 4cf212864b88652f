package dev.backlot.github.orgdata;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads for each of a list of items, {@code concurrency} at a time: an organisation's teams and
 * profiles cost a request each, and on a GitHub that allows it, one after another they take
 * longer than they need to.
 */
final class FewAtATime {
  /** One item's read. */
  interface Read<T, R> {
    R apply(T item) throws IOException;
  }

  private final int concurrency;

  FewAtATime(int concurrency) {
    this.concurrency = concurrency;
  }

  /** What {@code read} gives for each item, in the items' order; the first failure fails all and stops the rest. */
  <T, R> List<R> map(List<T> items, Read<T, R> read) throws IOException {
    ExecutorService pool = Executors.newFixedThreadPool(concurrency, Thread.ofPlatform().daemon().name("github-read-", 0).factory());
    try {
      List<Future<R>> reads = new ArrayList<>();
      items.forEach(item -> reads.add(pool.submit(() -> read.apply(item))));
      List<R> results = new ArrayList<>();
      for (Future<R> future : reads) {
        results.add(future.get());
      }
      return results;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IOException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while reading from GitHub");
    } finally {
      pool.shutdownNow();
    }
  }
}
