package dev.backlot.search.engine;

import dev.backlot.platform.db.Database;
import dev.backlot.platform.db.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Writes documents, their filter values and (on SQLite) their FTS5 rows, in one transaction per
 * batch. A document whose stored JSON and keywords are unchanged only gets the new run stamped: a
 * full pass over 100k unchanged documents rewrites no index entries.
 */
final class DocumentWrites {
  /** Keys looked up per statement (well below both databases' parameter limits). */
  private static final int CHUNK = 500;

  private final Database database;
  private final boolean sqlite;

  DocumentWrites(Database database) {
    this.database = database;
    this.sqlite = database.dialect() == Dialect.SQLITE;
  }

  private record Stored(long id, String document, String keywords, String resourceRef) {}

  private interface Work {
    int run(Connection c) throws SQLException;
  }

  private int inTransaction(String what, Work work) {
    try (Connection c = database.connection()) {
      c.setAutoCommit(false);
      try {
        int result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot " + what, e);
    }
  }

  void upsert(List<SearchDocument> documents, long run) {
    // The last document of a key wins: one batch may name a key twice (an item changed twice).
    Map<String, Map<String, SearchDocument>> unique = new HashMap<>();
    for (SearchDocument document : documents) {
      unique.computeIfAbsent(document.type(), t -> new java.util.LinkedHashMap<>()).put(document.key(), document);
    }
    Map<String, List<SearchDocument>> byType = new HashMap<>();
    unique.forEach((type, byKey) -> byType.put(type, List.copyOf(byKey.values())));
    inTransaction("index " + documents.size() + " documents", c -> {
      for (Map.Entry<String, List<SearchDocument>> entry : byType.entrySet()) {
        for (int from = 0; from < entry.getValue().size(); from += CHUNK) {
          write(c, entry.getKey(), entry.getValue().subList(from, Math.min(from + CHUNK, entry.getValue().size())), run);
        }
      }
      return documents.size();
    });
  }

  private void write(Connection c, String type, List<SearchDocument> documents, long run) throws SQLException {
    Map<String, Stored> stored = stored(c, type, documents.stream().map(SearchDocument::key).toList());
    List<Long> unchanged = new ArrayList<>();
    List<Long> rewritten = new ArrayList<>();
    Map<Long, SearchDocument> written = new HashMap<>();
    List<SearchDocument> added = new ArrayList<>();
    try (PreparedStatement update = c.prepareStatement(
        "UPDATE search_documents SET title = ?, text = ?, keywords = ?, document = ?, resource_ref = ?, run = ? WHERE id = ?")) {
      for (SearchDocument document : documents) {
        Stored old = stored.get(document.key());
        String json = document.document().toString();
        String keywords = document.keywords();
        if (old != null && old.document.equals(json) && old.keywords.equals(keywords) && Objects.equals(old.resourceRef, document.resourceRef())) {
          unchanged.add(old.id);
        } else if (old != null) {
          update.setString(1, document.title());
          update.setString(2, document.text());
          update.setString(3, keywords);
          update.setString(4, json);
          update.setString(5, document.resourceRef());
          update.setLong(6, run);
          update.setLong(7, old.id);
          update.addBatch();
          rewritten.add(old.id);
          written.put(old.id, document);
        } else {
          added.add(document);
        }
      }
      if (!rewritten.isEmpty()) {
        update.executeBatch();
      }
    }
    insert(c, added, run).forEach((id, document) -> written.put(id, document));
    stampRun(c, unchanged, run);
    deleteIndexRows(c, rewritten);
    insertIndexRows(c, written);
  }

  private Map<String, Stored> stored(Connection c, String type, List<String> keys) throws SQLException {
    Map<String, Stored> stored = new HashMap<>();
    try (PreparedStatement select = c.prepareStatement("SELECT id, doc_key, document, keywords, resource_ref FROM search_documents WHERE type = ? AND doc_key IN ("
        + placeholders(keys.size()) + ")")) {
      select.setString(1, type);
      for (int i = 0; i < keys.size(); i++) {
        select.setString(i + 2, keys.get(i));
      }
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          stored.put(rows.getString(2), new Stored(rows.getLong(1), rows.getString(3), rows.getString(4), rows.getString(5)));
        }
      }
    }
    return stored;
  }

  /** New documents in one multi-row INSERT (a round trip per batch, not per document); their ids by document. */
  private static Map<Long, SearchDocument> insert(Connection c, List<SearchDocument> documents, long run) throws SQLException {
    Map<Long, SearchDocument> ids = new HashMap<>();
    if (documents.isEmpty()) {
      return ids;
    }
    Map<String, SearchDocument> byKey = new HashMap<>();
    String rows = String.join(", ", java.util.Collections.nCopies(documents.size(), "(?, ?, ?, ?, ?, ?, ?, ?)"));
    try (PreparedStatement insert = c.prepareStatement("INSERT INTO search_documents (type, doc_key, title, text, keywords, document, resource_ref, run)"
        + " VALUES " + rows + " RETURNING id, doc_key")) {
      int i = 1;
      for (SearchDocument document : documents) {
        byKey.put(document.key(), document);
        insert.setString(i++, document.type());
        insert.setString(i++, document.key());
        insert.setString(i++, document.title());
        insert.setString(i++, document.text());
        insert.setString(i++, document.keywords());
        insert.setString(i++, document.document().toString());
        insert.setString(i++, document.resourceRef());
        insert.setLong(i++, run);
      }
      try (ResultSet returned = insert.executeQuery()) {
        while (returned.next()) {
          ids.put(returned.getLong(1), byKey.get(returned.getString(2)));
        }
      }
    }
    return ids;
  }

  private static void stampRun(Connection c, List<Long> ids, long run) throws SQLException {
    if (ids.isEmpty()) {
      return;
    }
    try (PreparedStatement stamp = c.prepareStatement("UPDATE search_documents SET run = ? WHERE id IN (" + placeholders(ids.size()) + ")")) {
      stamp.setLong(1, run);
      for (int i = 0; i < ids.size(); i++) {
        stamp.setLong(i + 2, ids.get(i));
      }
      stamp.executeUpdate();
    }
  }

  /** The filter rows and (SQLite) FTS rows of these documents, before they are written anew or deleted. */
  private void deleteIndexRows(Connection c, List<Long> ids) throws SQLException {
    if (ids.isEmpty()) {
      return;
    }
    String in = " IN (" + placeholders(ids.size()) + ")";
    List<String> statements = sqlite ? List.of("DELETE FROM search_fields WHERE doc_id" + in, "DELETE FROM search_fts WHERE rowid" + in)
        : List.of("DELETE FROM search_fields WHERE doc_id" + in);
    for (String sql : statements) {
      try (PreparedStatement delete = c.prepareStatement(sql)) {
        for (int i = 0; i < ids.size(); i++) {
          delete.setLong(i + 1, ids.get(i));
        }
        delete.executeUpdate();
      }
    }
  }

  private void insertIndexRows(Connection c, Map<Long, SearchDocument> written) throws SQLException {
    if (written.isEmpty()) {
      return;
    }
    List<Long> ids = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<String> values = new ArrayList<>();
    for (Map.Entry<Long, SearchDocument> entry : written.entrySet()) {
      for (Map.Entry<String, List<String>> field : entry.getValue().fields().entrySet()) {
        for (String value : field.getValue().stream().map(DocumentWrites::filterValue).distinct().toList()) {
          ids.add(entry.getKey());
          names.add(field.getKey());
          values.add(value);
        }
      }
    }
    if (sqlite) {
      try (PreparedStatement field = c.prepareStatement("INSERT INTO search_fields (doc_id, field, value) VALUES (?, ?, ?)")) {
        for (int i = 0; i < ids.size(); i++) {
          field.setLong(1, ids.get(i));
          field.setString(2, names.get(i));
          field.setString(3, values.get(i));
          field.addBatch();
        }
        field.executeBatch();
      }
    } else if (!ids.isEmpty()) {
      // One statement for the batch's thousands of filter rows: a JDBC batch is still one INSERT
      // each for PostgreSQL to parse and run.
      try (PreparedStatement field = c.prepareStatement(
          "INSERT INTO search_fields (doc_id, field, value) SELECT * FROM unnest(?::bigint[], ?::varchar[], ?::varchar[])")) {
        field.setArray(1, c.createArrayOf("bigint", ids.toArray()));
        field.setArray(2, c.createArrayOf("varchar", names.toArray()));
        field.setArray(3, c.createArrayOf("varchar", values.toArray()));
        field.executeUpdate();
      }
    }
    if (sqlite) {
      try (PreparedStatement fts = c.prepareStatement("INSERT INTO search_fts (rowid, title, text, keywords) VALUES (?, ?, ?, ?)")) {
        for (Map.Entry<Long, SearchDocument> entry : written.entrySet()) {
          fts.setLong(1, entry.getKey());
          fts.setString(2, entry.getValue().title());
          fts.setString(3, entry.getValue().text());
          fts.setString(4, entry.getValue().keywords());
          fts.addBatch();
        }
        fts.executeBatch();
      }
    }
  }

  /** Filters match values case-insensitively; stored values are lower-case and at most 512 characters. */
  static String filterValue(String value) {
    String lower = value.toLowerCase(Locale.ROOT);
    return lower.length() > 512 ? lower.substring(0, 512) : lower;
  }

  int delete(String type, Collection<String> keys) {
    if (keys.isEmpty()) {
      return 0;
    }
    List<String> all = List.copyOf(keys);
    return inTransaction("delete documents of " + type, c -> {
      int deleted = 0;
      for (int from = 0; from < all.size(); from += CHUNK) {
        List<String> chunk = all.subList(from, Math.min(from + CHUNK, all.size()));
        deleted += deleteIds(c, stored(c, type, chunk).values().stream().map(Stored::id).toList());
      }
      return deleted;
    });
  }

  int deleteFromSource(String type, String source, java.util.Set<String> keep) {
    return inTransaction("delete documents of " + source, c -> {
      List<Long> ids = new ArrayList<>();
      // substr, not LIKE: '_' in a ref would be a LIKE wildcard.
      try (PreparedStatement select = c.prepareStatement("SELECT id, doc_key FROM search_documents WHERE type = ?"
          + " AND (doc_key = ? OR substr(doc_key, 1, ?) = ?)")) {
        select.setString(1, type);
        select.setString(2, source);
        select.setInt(3, source.length() + 1);
        select.setString(4, source + "#");
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            if (!keep.contains(rows.getString(2))) {
              ids.add(rows.getLong(1));
            }
          }
        }
      }
      int deleted = 0;
      for (int from = 0; from < ids.size(); from += CHUNK) {
        deleted += deleteIds(c, ids.subList(from, Math.min(from + CHUNK, ids.size())));
      }
      return deleted;
    });
  }

  /**
   * New planner statistics once a full pass has ended. Until autovacuum's next look, PostgreSQL
   * planned a filtered query on the just-filled tables as if the filter matched one row, and read
   * 90,000 filter rows for it: 426 ms where the same query takes 9-12 ms once analysed (120,000
   * documents; the ANALYZE itself 0.6 s, once per pass).
   */
  void refreshStatistics() {
    try (Connection c = database.connection(); Statement statement = c.createStatement()) {
      statement.execute(sqlite ? "ANALYZE" : "ANALYZE search_documents, search_fields");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot analyze the search tables", e);
    }
  }

  int deleteNotWrittenBy(String type, long run) {
    return inTransaction("delete stale documents of " + type, c -> {
      int deleted = 0;
      while (true) {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("SELECT id FROM search_documents WHERE type = ? AND run <> ? ORDER BY id LIMIT " + CHUNK)) {
          select.setString(1, type);
          select.setLong(2, run);
          try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
              ids.add(rows.getLong(1));
            }
          }
        }
        if (ids.isEmpty()) {
          return deleted;
        }
        deleted += deleteIds(c, ids);
      }
    });
  }

  private int deleteIds(Connection c, List<Long> ids) throws SQLException {
    if (ids.isEmpty()) {
      return 0;
    }
    deleteIndexRows(c, ids);
    try (PreparedStatement delete = c.prepareStatement("DELETE FROM search_documents WHERE id IN (" + placeholders(ids.size()) + ")")) {
      for (int i = 0; i < ids.size(); i++) {
        delete.setLong(i + 1, ids.get(i));
      }
      return delete.executeUpdate();
    }
  }

  static String placeholders(int count) {
    return String.join(", ", java.util.Collections.nCopies(count, "?"));
  }
}
