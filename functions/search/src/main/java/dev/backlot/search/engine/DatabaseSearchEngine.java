package dev.backlot.search.engine;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/** The engine over the plugin's own database: shared writes, and the dialect's way of querying. */
final class DatabaseSearchEngine implements SearchEngine {
  private final DocumentWrites writes;
  private final Queries queries;

  DatabaseSearchEngine(DocumentWrites writes, Queries queries) {
    this.writes = writes;
    this.queries = queries;
  }

  @Override
  public void upsert(List<SearchDocument> documents, long run) {
    writes.upsert(documents, run);
  }

  @Override
  public int delete(String type, Collection<String> keys) {
    return writes.delete(type, keys);
  }

  @Override
  public int deleteFromSource(String type, String source, Set<String> keep) {
    return writes.deleteFromSource(type, source, keep);
  }

  @Override
  public int deleteNotWrittenBy(String type, long run) {
    int deleted = writes.deleteNotWrittenBy(type, run);
    writes.refreshStatistics();
    return deleted;
  }

  @Override
  public ResultPage query(SearchQuery query) {
    return queries.query(query);
  }
}
