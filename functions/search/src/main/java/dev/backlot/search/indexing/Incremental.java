package dev.backlot.search.indexing;

import dev.backlot.search.collate.Collator;
import dev.backlot.search.engine.SearchDocument;
import dev.backlot.search.engine.SearchEngine;
import dev.backlot.search.storage.IndexRuns;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Incremental indexing: the catalog or api-docs says which of its items changed, and their
 * documents are read again from the source and replace the stored ones (an item the source no
 * longer has loses its documents). The event names keys only, never content, so a caller cannot
 * plant a document.
 */
public final class Incremental {
  private final Map<String, Collator> collators;
  private final SearchEngine engine;
  private final IndexRuns runs;

  public Incremental(Map<String, Collator> collators, SearchEngine engine, IndexRuns runs) {
    this.collators = collators;
    this.engine = engine;
    this.runs = runs;
  }

  /** Re-indexes {@code keys} of {@code type}; returns how many documents were written and removed. */
  public int[] changed(String type, List<String> keys) throws IOException {
    Collator collator = collators.get(type);
    Collator.Refreshed refreshed = collator.refresh(keys);
    engine.upsert(refreshed.documents(), runs.stamp(type));
    Set<String> kept = refreshed.documents().stream().map(SearchDocument::key).collect(Collectors.toSet());
    int removed = 0;
    for (String source : refreshed.sources()) {
      removed += engine.deleteFromSource(type, source, kept);
    }
    return new int[] {refreshed.documents().size(), removed};
  }
}
