package dev.backlot.search.indexing;

import dev.backlot.search.collate.Collator;
import dev.backlot.search.engine.SearchEngine;
import dev.backlot.search.storage.IndexRuns;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The full indexing pass, called on a schedule: every collator read from the start, in batches,
 * until the time budget is spent; the next call continues where this one stopped (the cursor in
 * {@link IndexRuns}). A type's run that reaches the end removes the documents it did not write,
 * which repairs whatever incremental indexing missed. Each type's next run starts {@code
 * passInterval} after its last finished: the scheduler calls often, so that a run longer than one
 * call's budget goes on within minutes, while whole passes come at the interval. A type whose
 * source fails is reported and retried at the next call; the others go on.
 */
public final class FullPass {
  /** What one call did for one type. */
  public record Progress(long run, long written, int removed, boolean finished, String error) {}

  private static final Logger LOG = Logger.getLogger(FullPass.class.getName());

  private final List<Collator> collators;
  private final SearchEngine engine;
  private final IndexRuns runs;
  private final int batchSize;
  private final Duration budget;
  private final Duration passInterval;
  private final Clock clock;

  public FullPass(List<Collator> collators, SearchEngine engine, IndexRuns runs, int batchSize, Duration budget, Duration passInterval, Clock clock) {
    this.collators = collators;
    this.engine = engine;
    this.runs = runs;
    this.batchSize = batchSize;
    this.budget = budget;
    this.passInterval = passInterval;
    this.clock = clock;
  }

  public Map<String, Progress> run() {
    Instant deadline = clock.instant().plus(budget);
    Map<String, Progress> progress = new LinkedHashMap<>();
    for (Collator collator : collators) {
      IndexRuns.Run run = runs.current(collator.type()).orElse(null);
      if (run != null && run.finished() && run.finishedAt().plus(passInterval).isAfter(clock.instant())) {
        continue;
      }
      if (run == null || run.finished()) {
        run = runs.start(collator.type(), run == null ? 0 : run.run());
      }
      try {
        progress.put(collator.type(), continueRun(collator, run, deadline));
      } catch (IOException | RuntimeException e) {
        // A source that cannot be read keeps what was indexed from it (its run is not finished, so
        // nothing is removed); the other types go on, and the next call retries from the cursor.
        LOG.log(Level.WARNING, "indexing " + collator.type() + " failed; the next call continues from its cursor", e);
        progress.put(collator.type(), new Progress(run.run(), 0, 0, false, String.valueOf(e.getMessage())));
      }
    }
    return progress;
  }

  private Progress continueRun(Collator collator, IndexRuns.Run run, Instant deadline) throws IOException {
    String cursor = run.cursor();
    long written = 0;
    while (clock.instant().isBefore(deadline)) {
      Collator.Batch batch = collator.read(cursor, batchSize);
      engine.upsert(batch.documents(), run.run());
      written += batch.documents().size();
      if (batch.next() == null) {
        runs.finish(collator.type(), run.run(), batch.documents().size());
        int removed = engine.deleteNotWrittenBy(collator.type(), run.run());
        return new Progress(run.run(), written, removed, true, null);
      }
      cursor = batch.next();
      runs.advance(collator.type(), run.run(), cursor, batch.documents().size());
    }
    return new Progress(run.run(), written, 0, false, null);
  }
}
