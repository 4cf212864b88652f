package dev.backlot.catalog.storage;

import dev.backlot.catalog.storage.EntityFilter.Field;
import dev.backlot.catalog.storage.EntityFilter.Node;
import java.util.ArrayList;
import java.util.List;

/**
 * The statement of {@code GET /entities} in entity ref order (no {@code order} given). A filter
 * that is one relation test with targets (a person's entities under IS_ENTITY_OWNER) is read off
 * the relation rows, which carry their source's id and ref in the {@code relations_target} index
 * (V14): the first rows in ref order, then only their entities. A filter that requires one of
 * several alternatives led by a relation's targets or by kinds (owned, or a Group) reads each
 * alternative's first rows on its own and joins them, a kind's from the {@code (kind, entity_ref)}
 * index. Any other filter is one statement over the entities, as before: reading each entity a
 * relation names and sorting them all cost more than the unfiltered page (docs/performance.md).
 */
final class RefOrderedList {
  private RefOrderedList() {}

  static QueryPlan.Statement of(EntityFilter filter, int limit, int offset) {
    List<Object> parameters = new ArrayList<>();
    List<EntityFilter> parts = QueryPlan.alternatives(filter.topLevel());
    if (parts.isEmpty() && relationTest(filter) == null) {
      String where = filter.condition("e.id", "e.kind", parameters);
      parameters.add(limit);
      parameters.add(offset);
      return new QueryPlan.Statement("SELECT e.final_entity, e.entity_ref FROM final_entities e" + (where == null ? "" : " WHERE " + where)
          + " ORDER BY e.entity_ref LIMIT ? OFFSET ?", parameters);
    }
    // Each part's first offset + limit rows hold the page's rows that part selects.
    long first = (long) offset + limit;
    List<String> selects = new ArrayList<>();
    for (EntityFilter part : parts.isEmpty() ? List.of(filter) : parts) {
      Field relation = relationTest(part);
      String rows;
      if (relation != null) {
        rows = "SELECT DISTINCT r.source_entity_id AS id, r.source_entity_ref AS ref FROM relations r WHERE "
            + FilterConditions.relationSources(relation, parameters);
      } else {
        String where = part.condition("e.id", "e.kind", parameters);
        rows = "SELECT e.id AS id, e.entity_ref AS ref FROM final_entities e" + (where == null ? "" : " WHERE " + where);
      }
      selects.add("SELECT * FROM (" + rows + " ORDER BY ref LIMIT " + first + ") part" + selects.size());
    }
    parameters.add(limit);
    parameters.add(offset);
    // UNION, not UNION ALL: an entity two alternatives select is one row.
    return new QueryPlan.Statement("SELECT e.final_entity, e.entity_ref FROM (" + String.join(" UNION ", selects)
        + " ORDER BY ref LIMIT ? OFFSET ?) w JOIN final_entities e ON e.id = w.id ORDER BY w.ref", parameters);
  }

  /** The filter's only condition when it is a relation test with values or a prefix; else null. */
  private static Field relationTest(EntityFilter filter) {
    List<Node> nodes = filter.topLevel();
    return nodes.size() == 1 && nodes.get(0) instanceof Field f && f.key().startsWith("relations.") && f.exists() == null ? f : null;
  }
}
