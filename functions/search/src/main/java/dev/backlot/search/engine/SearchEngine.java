package dev.backlot.search.engine;

import dev.backlot.platform.db.Database;
import dev.backlot.platform.db.Dialect;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Where documents are indexed and searched. Two implementations over the plugin's own database,
 * tested by the same cases: PostgreSQL full-text search in GCP, SQLite FTS5 locally. An engine for
 * Elasticsearch or OpenSearch would implement this too (docs/search.md).
 */
public interface SearchEngine {
  /**
   * Matches counted at most: a page's {@code total} is exact below this and this bound (a lower
   * bound, "at least") beyond. Counting every match of a common word cost more than finding the
   * page; Backstage's PostgreSQL engine gives no count at all.
   */
  long MAX_COUNTED = 1_000;

  /** Writes {@code documents} (replacing those with the same type and key), stamped with the indexing {@code run}. */
  void upsert(List<SearchDocument> documents, long run);

  /** Removes these documents of {@code type}; returns how many there were. */
  int delete(String type, Collection<String> keys);

  /**
   * Removes the documents of {@code type} that came from {@code source} (whose key is the source's
   * key, or starts with it and {@code #}) other than those in {@code keep}.
   */
  int deleteFromSource(String type, String source, Set<String> keep);

  /** Removes the documents of {@code type} that run {@code run} did not write: the end of a full pass. */
  int deleteNotWrittenBy(String type, long run);

  ResultPage query(SearchQuery query);

  static SearchEngine on(Database database, Highlights highlights) {
    Queries queries = database.dialect() == Dialect.POSTGRESQL ? new PostgresQueries(database, highlights) : new SqliteQueries(database, highlights);
    return new DatabaseSearchEngine(new DocumentWrites(database), queries);
  }
}
