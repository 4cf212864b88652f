package dev.backlot.catalog.ingestion;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Processes a location on one thread while another writes what it emits, so reading and parsing
 * the next file overlaps with the database storing the last one. A few files at most wait in
 * between, so memory stays bounded however large the location is.
 */
final class Pipeline {
  private static final int FILES_IN_FLIGHT = 4;

  private record Batch(String parentRef, List<ObjectNode> entities) {}

  private static final Batch END = new Batch(null, List.of());

  private Pipeline() {}

  /** Runs {@code processor} over {@code location}, handing every batch to {@code writer} on this thread. */
  static LocationProcessor.Result run(LocationProcessor processor, LocationSpec location, LocationProcessor.EntitySink writer) {
    BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(FILES_IN_FLIGHT);
    try (ExecutorService reader = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<LocationProcessor.Result> reading = reader.submit(() -> {
        try {
          return processor.process(location, (parent, entities) -> put(queue, new Batch(parent, entities)));
        } finally {
          put(queue, END);
        }
      });
      try {
        for (Batch batch = queue.take(); batch != END; batch = queue.take()) {
          writer.accept(batch.parentRef(), batch.entities());
        }
        return reading.get();
      } catch (RuntimeException e) {
        // The writer failed: stop the reader, which may be waiting for room in the queue.
        reading.cancel(true);
        throw e;
      }
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while processing " + location.key(), e);
    }
  }

  private static void put(BlockingQueue<Batch> queue, Batch batch) {
    try {
      queue.put(batch);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("processing was stopped", e);
    }
  }
}
