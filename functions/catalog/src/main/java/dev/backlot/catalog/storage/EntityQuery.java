package dev.backlot.catalog.storage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Keyset pages for {@code /entities/by-query}: entities sorted by one field's value (or by uid),
 * with the uid breaking ties, so a cursor holding the last (value, uid) resumes exactly there
 * however the catalog changes in between. Full-text terms match substrings of the given fields.
 */
public final class EntityQuery {
  private final EntityStore store;

  public EntityQuery(EntityStore store) {
    this.store = store;
  }

  /** A sort field, or null to sort by uid alone. */
  public record Sort(String field, boolean ascending) {}

  /** Where a page starts: after (or, for a previous page, before) this sort value and uid. */
  public record Position(String value, String uid, boolean previous) {}

  public record FullText(String term, List<String> fields) {}

  /** A page of entities with each one's sort value and uid, for the cursors. */
  public record Page(List<ObjectNode> items, List<String> values, List<String> uids, boolean more) {}

  public Page page(EntityFilter filter, FullText text, Sort sort, Position position, int limit) {
    List<Object> parameters = new ArrayList<>();
    String value = sortValue(sort);
    List<String> where = conditions(filter, text, parameters);
    boolean ascending = sort == null || sort.ascending();
    boolean forward = position == null || !position.previous();
    boolean increasing = ascending == forward;
    if (position != null) {
      String op = increasing ? ">" : "<";
      where.add("(" + value + " " + op + " ? OR (" + value + " = ? AND e.entity_id " + op + " ?))");
      parameters.add(position.value());
      parameters.add(position.value());
      parameters.add(position.uid());
    }
    String direction = increasing ? "ASC" : "DESC";
    String sql = "SELECT e.final_entity, e.entity_ref, " + value + ", e.entity_id FROM final_entities e"
        + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
        + " ORDER BY " + value + " " + direction + ", e.entity_id " + direction + " LIMIT ?";
    parameters.add(limit + 1);
    List<EntityStore.Row> rows = new ArrayList<>(store.rows(sql, parameters));
    boolean more = rows.size() > limit;
    if (more) {
      rows = rows.subList(0, limit);
    }
    if (!forward) {
      Collections.reverse(rows);
    }
    return new Page(rows.stream().map(EntityStore.Row::entity).toList(),
        rows.stream().map(r -> r.extra().get(0)).toList(), rows.stream().map(r -> r.extra().get(1)).toList(), more);
  }

  public long count(EntityFilter filter, FullText text) {
    List<Object> parameters = new ArrayList<>();
    List<String> where = conditions(filter, text, parameters);
    return store.count("SELECT COUNT(*) FROM final_entities e" + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where)), parameters);
  }

  /** The sort expression; the field is inlined (checked) because it appears in three clauses. */
  private static String sortValue(Sort sort) {
    return sort == null
        ? "e.entity_id"
        : "COALESCE((SELECT MIN(s.value) FROM search s WHERE s.entity_id = e.entity_id AND s.key = '"
            + sqlLiteral(sort.field().toLowerCase(Locale.ROOT)) + "'), '')";
  }

  /** Field names become SQL literals: only the characters a field path can hold are let through. */
  private static String sqlLiteral(String field) {
    if (!field.matches("[a-z0-9_./:@+#-]{1,250}")) {
      throw dev.backlot.platform.http.HttpError.inputError("Invalid orderField '" + field + "'");
    }
    return field;
  }

  private static List<String> conditions(EntityFilter filter, FullText text, List<Object> parameters) {
    List<String> where = new ArrayList<>();
    String filterSql = filter.sql(parameters);
    if (filterSql != null) {
      where.add(filterSql);
    }
    if (text != null && !text.term().isBlank()) {
      String like = "%" + text.term().trim().toLowerCase(Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
      List<String> keys = new ArrayList<>();
      boolean uid = false;
      for (String field : text.fields()) {
        if (field.equalsIgnoreCase("metadata.uid")) {
          uid = true;
        } else {
          keys.add(field.toLowerCase(Locale.ROOT));
        }
      }
      List<String> alternatives = new ArrayList<>();
      if (!keys.isEmpty()) {
        alternatives.add("e.entity_id IN (SELECT s.entity_id FROM search s WHERE s.key IN ("
            + "?,".repeat(keys.size() - 1) + "?) AND s.value LIKE ? ESCAPE '!')");
        parameters.addAll(keys);
        parameters.add(like);
      }
      if (uid) {
        alternatives.add("e.entity_id LIKE ? ESCAPE '!'");
        parameters.add(like);
      }
      where.add("(" + String.join(" OR ", alternatives) + ")");
    }
    return where;
  }
}
