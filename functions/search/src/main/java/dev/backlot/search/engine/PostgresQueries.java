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
 * configuration's stemming; the count comes with the page ({@code count(*) OVER ()}).
 *
 * <p>The tsquery is built from the parsed {@link Term} for {@code to_tsquery}, not handed to
 * {@code websearch_to_tsquery}: websearch syntax has no prefix matching, which typing needs, and
 * building it from letters and digits only means no input can be a tsquery syntax error.
 */
final class PostgresQueries implements Queries {
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
    List<Object> leading = new ArrayList<>();
    if (!term.include().isEmpty()) {
      where.and("d.body @@ to_tsquery('english', ?)", tsquery(term.include(), " & "));
    }
    if (!term.exclude().isEmpty()) {
      where.and("NOT d.body @@ to_tsquery('english', ?)", tsquery(term.exclude(), " | "));
    }
    boolean ranked = !term.include().isEmpty();
    boolean highlighted = ranked && highlights.enabled();
    String match = ranked ? tsquery(term.include(), " & ") : null;
    String page;
    if (ranked) {
      page = "SELECT d.id, d.type, d.doc_key, d.document, d.resource_ref, d.title, d.text, ts_rank_cd(d.body, to_tsquery('english', ?)) AS score,"
          + " count(*) OVER () AS total FROM search_documents d" + where.sql + " ORDER BY score DESC, d.title, d.id LIMIT ? OFFSET ?";
      leading.add(match);
    } else {
      page = "SELECT d.id, d.type, d.doc_key, d.document, d.resource_ref, d.title, d.text, 0 AS score,"
          + " count(*) OVER () AS total FROM search_documents d" + where.sql + " ORDER BY d.title, d.id LIMIT ? OFFSET ?";
    }
    String sql = highlighted
        ? "SELECT p.type, p.doc_key, p.document, p.resource_ref, ts_headline('english', p.title, to_tsquery('english', ?), ?),"
            + " ts_headline('english', p.text, to_tsquery('english', ?), ?), p.total FROM (" + page + ") p ORDER BY p.score DESC, p.title, p.id"
        : "SELECT p.type, p.doc_key, p.document, p.resource_ref, p.total FROM (" + page + ") p ORDER BY p.score DESC, p.title, p.id";
    try (Connection c = database.connection()) {
      List<ResultPage.Hit> hits = new ArrayList<>();
      long total = -1;
      try (PreparedStatement statement = c.prepareStatement(sql)) {
        int index = 1;
        if (highlighted) {
          statement.setString(index++, match);
          statement.setString(index++, titleOptions);
          statement.setString(index++, match);
          statement.setString(index++, textOptions);
        }
        for (Object param : leading) {
          statement.setObject(index++, param);
        }
        index = where.bind(statement, index);
        statement.setInt(index++, query.limit());
        statement.setInt(index, query.offset());
        try (ResultSet rows = statement.executeQuery()) {
          while (rows.next()) {
            hits.add(Rows.hit(rows, highlights, highlighted));
            total = rows.getLong("total");
          }
        }
      }
      // The page's window count saves a second scan of the matches; a page past the end has no row to carry it.
      if (total >= 0) {
        return new ResultPage(hits, total);
      }
      try (PreparedStatement count = c.prepareStatement("SELECT count(*) FROM search_documents d" + where.sql)) {
        where.bind(count, 1);
        return new ResultPage(hits, Rows.count(count));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("search query failed", e);
    }
  }
}
