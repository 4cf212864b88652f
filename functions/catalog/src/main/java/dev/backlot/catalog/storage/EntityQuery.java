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

  public long count(QueryPlan plan) {
    QueryPlan.Statement statement = plan.count();
    return store.count(statement.sql(), statement.parameters());
  }
}
