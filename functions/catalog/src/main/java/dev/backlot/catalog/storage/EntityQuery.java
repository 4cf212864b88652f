package dev.backlot.catalog.storage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Keyset pages for {@code /entities/by-query}: entities sorted by one field's value, then by
 * their internal id, so a cursor holding the last (value, id) resumes exactly there however the
 * catalog changes in between. Entities without the field come after those with it. Without a
 * sort field, entities come in id order. Full-text terms match substrings of the given fields.
 * A request is compiled once into a {@link QueryPlan}; this class runs the plan's statements and
 * puts its page together.
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

  public Page page(QueryPlan plan, Position position, int limit) {
    boolean forward = position == null || !position.previous();
    List<QueryPlan.Segment> segments = plan.segments(forward);
    int first = position == null ? 0 : segments.indexOf(plan.segmentOf(position));
    List<EntityStore.Row> rows = new ArrayList<>();
    for (int i = first; i < segments.size() && rows.size() <= limit; i++) {
      int wanted = limit + 1 - rows.size();
      List<QueryPlan.Statement> attempts = plan.page(segments.get(i), i == first ? position : null, plan.ascending() == forward, wanted, store::kinds);
      for (int a = 0; a < attempts.size(); a++) {
        List<EntityStore.Row> found = store.rows(attempts.get(a).sql(), attempts.get(a).parameters());
        if (found.size() == wanted || a == attempts.size() - 1) {
          rows.addAll(found);
          break;
        }
      }
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

  /** A first page and the total it is a page of, queried at once. */
  public record Counted(Page page, long total) {}

  public Counted pageAndCount(QueryPlan plan, int limit) {
    List<Object> results = Parallel.all(List.of(() -> page(plan, null, limit), () -> count(plan)));
    return new Counted((Page) results.get(0), (Long) results.get(1));
  }

  /**
   * How many entities the plan selects: exact, and counted again only when the catalog's
   * generation has moved since this statement was last counted on this instance (counting what
   * a very common full-text term matches reads every match, ~50 ms at 100k entities).
   */
  public long count(QueryPlan plan) {
    QueryPlan.Statement statement = plan.count();
    long generation = store.generation();
    String text = statement.sql() + '\u0000' + statement.parameters();
    synchronized (counts) {
      Count kept = counts.get(text);
      if (kept != null && kept.generation() == generation) {
        return kept.total();
      }
    }
    long total = store.count(statement.sql(), statement.parameters());
    synchronized (counts) {
      counts.put(text, new Count(generation, total));
    }
    return total;
  }

  private record Count(long generation, long total) {}

  /**
   * Counts kept, by statement and parameters, at most {@value #KEPT_COUNTS} (the least recently
   * used go first). A parameter list holds at most a filter's 500 terms, so this stays small.
   */
  static final int KEPT_COUNTS = 1_000;

  private final java.util.Map<String, Count> counts = new java.util.LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(java.util.Map.Entry<String, Count> eldest) {
      return size() > KEPT_COUNTS;
    }
  };
}
