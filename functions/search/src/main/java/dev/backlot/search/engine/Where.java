package dev.backlot.search.engine;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The conditions both engines share, on {@code search_documents d}: types and filters, with their parameters. */
final class Where {
  final StringBuilder sql = new StringBuilder();
  final List<Object> params = new ArrayList<>();

  Where and(String condition, Object... values) {
    sql.append(sql.isEmpty() ? " WHERE " : " AND ").append(condition);
    params.addAll(List.of(values));
    return this;
  }

  /** {@code d.type} is one of the query's types; each filter field has one of its values. */
  static Where of(SearchQuery query) {
    Where where = new Where();
    if (!query.types().isEmpty()) {
      where.and("d.type IN (" + DocumentWrites.placeholders(query.types().size()) + ")", query.types().toArray());
    }
    for (Map.Entry<String, List<String>> filter : query.filters().entrySet()) {
      List<Object> values = new ArrayList<>();
      values.add(filter.getKey());
      filter.getValue().forEach(value -> values.add(DocumentWrites.filterValue(value)));
      where.and("EXISTS (SELECT 1 FROM search_fields f WHERE f.doc_id = d.id AND f.field = ? AND f.value IN ("
          + DocumentWrites.placeholders(filter.getValue().size()) + "))", values.toArray());
    }
    return where;
  }

  int bind(PreparedStatement statement, int first) throws SQLException {
    int index = first;
    for (Object param : params) {
      statement.setObject(index++, param);
    }
    return index;
  }
}
