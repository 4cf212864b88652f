package dev.backlot.search.collate;

import dev.backlot.search.engine.SearchDocument;
import java.io.IOException;
import java.util.Collection;
import java.util.List;

/**
 * Reads one document type from its source, a batch at a time: Backstage's collators, cut into
 * batches a request can finish, with a cursor the next request continues from.
 */
public interface Collator {
  /** A batch of documents and where the next starts; {@code next} is null after the last. */
  record Batch(List<SearchDocument> documents, String next) {}

  String type();

  /** The batch after {@code cursor} (null: the first), of about {@code size} source items. */
  Batch read(String cursor, int size) throws IOException;

  /**
   * The current documents of these source items (entity refs, API refs), for incremental
   * indexing: every document the source has for them now.
   */
  Refreshed refresh(Collection<String> keys) throws IOException;

  /**
   * Documents to write, and the source keys they replace: every other document of those keys (the
   * key itself, or {@code <key>#…}) is removed.
   */
  record Refreshed(List<SearchDocument> documents, List<String> sources) {}
}
