package dev.backlot.catalog.storage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.platform.http.HttpError;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Keyset pages for {@code /entities/by-query}: entities sorted by one field's value, then by
 * their internal id, so a cursor holding the last (value, id) resumes exactly there however the
 * catalog changes in between. Entities without the field come after those with it. Without a
 * sort field, entities come in id order. Full-text terms match substrings of the given fields.
 *
 * <p>Each page walks an index: the sort field's search rows of each kind in value order (of the
 * kinds the filter names, or all), each checked against the other filter terms, merged.
 */
public final class EntityQuery {
  private final EntityStore store;

  public EntityQuery(EntityStore store) {
    this.store = store;
  }

  /** A sort field, or null to sort by id alone. */
  public record Sort(String field, boolean ascending) {}

  /** Where a page starts: after (or, for a previous page, before) this sort value and id; a null value is past all values. */
  public record Position(String value, String id, boolean previous) {}

  public record FullText(String term, List<String> fields) {}

  /** A page of entities with each one's sort value and id, for the cursors. */
  public record Page(List<ObjectNode> items, List<String> values, List<String> ids, boolean more) {
    /** This page without its first {@code skipped} entities. */
    public Page from(int skipped) {
      int start = Math.min(skipped, items.size());
      return new Page(items.subList(start, items.size()), values.subList(start, values.size()), ids.subList(start, ids.size()), more);
    }
  }

  public Page page(EntityFilter filter, FullText text, Sort sort, Position position, int limit) {
    boolean forward = position == null || !position.previous();
    boolean ascending = sort == null || sort.ascending();
    List<Segment> segments = sort == null ? List.of(Segment.ALL) : forward ? List.of(Segment.VALUED, Segment.MISSING) : List.of(Segment.MISSING, Segment.VALUED);
    int first = position == null || sort == null ? 0 : segments.indexOf(position.value() == null ? Segment.MISSING : Segment.VALUED);
    List<EntityStore.Row> rows = new ArrayList<>();
    for (int i = first; i < segments.size() && rows.size() <= limit; i++) {
      rows.addAll(segment(segments.get(i), filter, text, sort, i == first ? position : null, ascending == forward, limit + 1 - rows.size()));
    }
    boolean more = rows.size() > limit;
    if (more) {
      rows = rows.subList(0, limit);
    }
    if (!forward) {
      rows = new ArrayList<>(rows);
      Collections.reverse(rows);
    }
    return new Page(rows.stream().map(EntityStore.Row::entity).toList(),
        rows.stream().map(r -> r.extra().get(0)).toList(), rows.stream().map(r -> r.extra().get(1)).toList(), more);
  }

  /** All entities (no sort), those with the sort field, and those without it. */
  private enum Segment { ALL, VALUED, MISSING }

  private List<EntityStore.Row> segment(Segment segment, EntityFilter filter, FullText text, Sort sort, Position position, boolean increasing, int limit) {
    List<Object> parameters = new ArrayList<>();
    String direction = increasing ? "ASC" : "DESC";
    String op = increasing ? ">" : "<";
    String sql;
    if (segment == Segment.VALUED) {
      // One walk per kind down that kind's rows of the field, in value order, merged: a kind's
      // rows of one key are one index range, while all kinds' rows together are not in order.
      String field = checkedField(sort.field());
      List<String> walks = new ArrayList<>();
      for (String kind : filter.kinds().orElseGet(store::kinds)) {
        List<String> conditions = new ArrayList<>();
        conditions.add("o.key = '" + field + "'");
        conditions.add("o.kind = ?");
        parameters.add(kind);
        // A field with several values (tags) sorts by its least one, once.
        conditions.add("NOT EXISTS (SELECT 1 FROM search d WHERE d.entity = o.entity AND d.key = o.key AND d.value < o.value)");
        addFilter(conditions, filter.condition("o.entity", "o.kind", parameters));
        addFilter(conditions, textCondition("o.entity", text, parameters));
        if (position != null) {
          conditions.add("(o.value " + op + " ? OR (o.value = ? AND o.entity " + op + " ?))");
          parameters.add(position.value());
          parameters.add(position.value());
          parameters.add(id(position));
        }
        walks.add("SELECT * FROM (SELECT e.final_entity, e.entity_ref, o.value AS sort_value, e.id AS sort_id"
            + " FROM search o JOIN final_entities e ON e.id = o.entity WHERE " + String.join(" AND ", conditions)
            + " ORDER BY o.value " + direction + ", o.entity " + direction + " LIMIT " + limit + ") walk" + walks.size());
      }
      if (walks.isEmpty()) {
        return List.of();
      }
      sql = String.join(" UNION ALL ", walks) + " ORDER BY sort_value " + direction + ", sort_id " + direction;
    } else {
      List<String> where = new ArrayList<>();
      addFilter(where, filter.condition("e.id", "e.kind", parameters));
      addFilter(where, textCondition("e.id", text, parameters));
      if (segment == Segment.MISSING) {
        where.add("NOT EXISTS (SELECT 1 FROM search d WHERE d.entity = e.id AND d.key = '" + checkedField(sort.field()) + "')");
      }
      if (position != null) {
        where.add("e.id " + op + " ?");
        parameters.add(id(position));
      }
      sql = "SELECT e.final_entity, e.entity_ref, " + (segment == Segment.ALL ? "e.id" : "NULL") + ", e.id FROM final_entities e"
          + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where)) + " ORDER BY e.id " + direction;
    }
    parameters.add(limit);
    return store.rows(sql + " LIMIT ?", parameters);
  }

  /** A first page and the total it is a page of, queried at once. */
  public record Counted(Page page, long total) {}

  public Counted pageAndCount(EntityFilter filter, FullText text, Sort sort, int limit) {
    List<Object> results = Parallel.all(List.of(() -> page(filter, text, sort, null, limit), () -> count(filter, text)));
    return new Counted((Page) results.get(0), (Long) results.get(1));
  }

  public long count(EntityFilter filter, FullText text) {
    List<Object> parameters = new ArrayList<>();
    Optional<EntityFilter.Anchor> anchor = text == null ? filter.anchor() : Optional.empty();
    if (anchor.isPresent()) {
      // The anchor's rows are one index range; each holds a value at most once per entity.
      String counted = anchor.get().values().size() == 1 ? "COUNT(*)" : "COUNT(DISTINCT a.entity)";
      return store.count("SELECT " + counted + " FROM search a WHERE " + anchor.get().condition(parameters), parameters);
    }
    List<String> where = new ArrayList<>();
    addFilter(where, filter.condition("e.id", "e.kind", parameters));
    addFilter(where, textCondition("e.id", text, parameters));
    return store.count("SELECT COUNT(*) FROM final_entities e" + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where)), parameters);
  }

  private static void addFilter(List<String> where, String condition) {
    if (condition != null) {
      where.add(condition);
    }
  }

  /**
   * Substrings of the given fields' values. Field names are inlined (checked) so that
   * PostgreSQL can prove a query is covered by the partial trigram index on names and titles.
   */
  private static String textCondition(String id, FullText text, List<Object> parameters) {
    if (text == null || text.term().isBlank() || text.fields().isEmpty()) {
      return null;
    }
    String like = "%" + text.term().trim().toLowerCase(Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    List<String> keys = text.fields().stream().map(f -> "'" + checkedField(f) + "'").distinct().toList();
    parameters.add(like);
    return id + " IN (SELECT t.entity FROM search t WHERE t.key IN (" + String.join(", ", keys) + ") AND t.value LIKE ? ESCAPE '!')";
  }

  /** Field names become SQL literals: only the characters a field path can hold are let through. */
  private static String checkedField(String field) {
    String lower = field.toLowerCase(Locale.ROOT);
    if (!lower.matches("[a-z0-9_./:@+#-]{1,250}")) {
      throw HttpError.inputError("Invalid field '" + field + "'");
    }
    return lower;
  }

  private static long id(Position position) {
    try {
      return Long.parseLong(position.id());
    } catch (NumberFormatException e) {
      throw HttpError.inputError("Malformed cursor: not a by-query cursor");
    }
  }
}
