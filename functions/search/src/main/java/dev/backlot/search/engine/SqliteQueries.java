package dev.backlot.search.engine;

import dev.backlot.platform.db.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * SQLite FTS5: {@code search_fts} ranked by {@code bm25} with the same column weights as
 * PostgreSQL's A/B/C, highlighted by {@code highlight} (title) and {@code snippet} (text). Words
 * are indexed as they are and the query's are stemmed ({@link WordStems}).
 *
 * <p>The MATCH expression is built from the parsed {@link Term}: every word in double quotes and
 * only letters and digits, so FTS5's operators and column filters cannot be injected.
 */
final class SqliteQueries implements Queries {
  private final Database database;
  private final Highlights highlights;

  SqliteQueries(Database database, Highlights highlights) {
    this.database = database;
    this.highlights = highlights;
  }

  /**
   * {@code "pay"* AND ("order"* + "servic"*)}: every word quoted and matched by its stem as a prefix
   * ({@link WordStems}), the words of a phrase joined with {@code +}, FTS5's "followed by".
   */
  static String match(List<Term.Group> groups, String between) {
    return groups.stream().map(group -> "(" + group.words().stream().map(word -> "\"" + WordStems.stem(word) + "\"*")
        .collect(Collectors.joining(" + ")) + ")").collect(Collectors.joining(between));
  }

  @Override
  public ResultPage query(SearchQuery query) {
    Where where = Where.of(query);
    Term term = query.term();
    boolean ranked = !term.include().isEmpty();
    if (ranked) {
      where.and("search_fts MATCH ?", match(term.include(), " AND "));
    }
    if (!term.exclude().isEmpty()) {
      where.and("d.id NOT IN (SELECT rowid FROM search_fts WHERE search_fts MATCH ?)", match(term.exclude(), " OR "));
    }
    boolean highlighted = ranked && highlights.enabled();
    String from = ranked ? " FROM search_fts JOIN search_documents d ON d.id = search_fts.rowid" : " FROM search_documents d";
    String columns = "d.type, d.doc_key, d.document, d.resource_ref"
        + (highlighted ? ", highlight(search_fts, 0, ?, ?), snippet(search_fts, 1, ?, ?, '…', ?)" : "");
    // bm25 is lower for better matches; 10/4/2 weigh title, text and keywords as PostgreSQL's A/B/C do.
    String order = ranked ? " ORDER BY bm25(search_fts, 10.0, 4.0, 2.0), d.title, d.id" : " ORDER BY d.title, d.id";
    try (Connection c = database.connection()) {
      List<ResultPage.Hit> hits = new ArrayList<>();
      try (PreparedStatement statement = c.prepareStatement("SELECT " + columns + from + where.sql + order + " LIMIT ? OFFSET ?")) {
        int index = 1;
        if (highlighted) {
          String start = String.valueOf(Highlights.START);
          String end = String.valueOf(Highlights.END);
          statement.setString(index++, start);
          statement.setString(index++, end);
          statement.setString(index++, start);
          statement.setString(index++, end);
          statement.setInt(index++, Math.min(64, highlights.maxWords()));
        }
        index = where.bind(statement, index);
        statement.setInt(index++, query.limit());
        statement.setInt(index, query.offset());
        try (ResultSet rows = statement.executeQuery()) {
          while (rows.next()) {
            hits.add(Rows.hit(rows, highlights, highlighted));
          }
        }
      }
      if (!hits.isEmpty() && hits.size() < query.limit()) {
        return new ResultPage(hits, query.offset() + hits.size());
      }
      try (PreparedStatement count = c.prepareStatement("SELECT count(*) FROM (SELECT 1" + from + where.sql + " LIMIT ?)")) {
        int index = where.bind(count, 1);
        count.setLong(index, SearchEngine.MAX_COUNTED + 1);
        return new ResultPage(hits, Math.min(Rows.count(count), SearchEngine.MAX_COUNTED));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("search query failed", e);
    }
  }
}
