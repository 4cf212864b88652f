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
 * PostgreSQL full-text search: the weighted {@code body} tsvector with its GIN index, ranked by
 * {@code ts_rank_cd}, highlighted by {@code ts_headline} (for the page's rows only), with the English
 * configuration's stemming. Matches are counted up to {@link SearchEngine#MAX_COUNTED}.
 *
 * <p>The tsquery is built from the parsed {@link Term} for {@code to_tsquery}, not handed to
 * {@code websearch_to_tsquery}: websearch syntax has no prefix matching, which typing needs, and
 * building it from letters and digits only means no input can be a tsquery syntax error.
 */
final class PostgresQueries implements Queries {
  private static final long MAX_COUNTED = SearchEngine.MAX_COUNTED;
  private final Database database;
  private final Highlights highlights;
  private final String titleOptions;
  private final String textOptions;

  PostgresQueries(Database database, Highlights highlights) {
    this.database = database;
    this.highlights = highlights;
    String tags = "StartSel=" + Highlights.START + ", StopSel=" + Highlights.END;
    this.titleOptions = tags + ", HighlightAll=true";
    this.textOptions = tags + ", MaxWords=" + highlights.maxWords() + ", MinWords=" + Math.max(1, highlights.maxWords() / 2) + ", ShortWord=2";
  }

  /** {@code 'pay':* & ('order' <-> 'servic')}: each group quoted, words only letters and digits. */
  static String tsquery(List<Term.Group> groups, String between) {
    return groups.stream().map(group -> {
      String words = group.words().stream().map(word -> "'" + word + "'").collect(Collectors.joining(" <-> "));
      return "(" + words + (group.prefix() ? ":*" : "") + ")";
    }).collect(Collectors.joining(between));
  }

  @Override
  public ResultPage query(SearchQuery query) {
    Where where = Where.of(query);
    Term term = query.term();
    if (!term.include().isEmpty()) {
      where.and("d.body @@ to_tsquery('english', ?)", tsquery(term.include(), " & "));
    }
    if (!term.exclude().isEmpty()) {
      where.and("NOT d.body @@ to_tsquery('english', ?)", tsquery(term.exclude(), " | "));
    }
    boolean ranked = !term.include().isEmpty();
    boolean highlighted = ranked && highlights.enabled();
    String match = ranked ? tsquery(term.include(), " & ") : null;
    // The page is chosen on narrow rows (id, title, score): every match is ranked, but only the
    // page's rows are read whole and highlighted. A window count here made PostgreSQL keep every
    // matching row, document included, and spill it to disk for a common word.
    String page = "SELECT d.id, d.title, " + (ranked ? "ts_rank_cd(d.body, to_tsquery('english', ?))" : "0") + " AS score"
        + " FROM search_documents d" + where.sql + " ORDER BY score DESC, d.title, d.id LIMIT ? OFFSET ?";
    String sql = "SELECT d.type, d.doc_key, d.document, d.resource_ref"
        + (highlighted ? ", ts_headline('english', d.title, to_tsquery('english', ?), ?), ts_headline('english', d.text, to_tsquery('english', ?), ?)" : "")
        + " FROM (" + page + ") p JOIN search_documents d ON d.id = p.id ORDER BY p.score DESC, p.title, p.id";
    try (Connection c = database.connection()) {
      List<ResultPage.Hit> hits = new ArrayList<>();
      try (PreparedStatement statement = c.prepareStatement(sql)) {
        int index = 1;
        if (highlighted) {
          statement.setString(index++, match);
          statement.setString(index++, titleOptions);
          statement.setString(index++, match);
          statement.setString(index++, textOptions);
        }
        if (ranked) {
          statement.setString(index++, match);
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
      // A page that is not full ends the matches: its count needs no second look.
      if (!hits.isEmpty() && hits.size() < query.limit()) {
        return new ResultPage(hits, query.offset() + hits.size());
      }
      try (PreparedStatement count = c.prepareStatement("SELECT count(*) FROM (SELECT 1 FROM search_documents d" + where.sql + " LIMIT ?) c")) {
        int index = where.bind(count, 1);
        count.setLong(index, MAX_COUNTED + 1L);
        return new ResultPage(hits, Math.min(Rows.count(count), MAX_COUNTED));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("search query failed", e);
    }
  }
}
