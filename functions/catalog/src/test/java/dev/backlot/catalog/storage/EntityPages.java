package dev.backlot.catalog.storage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** Pages through a query as a client does: each page starts after the last entity of the one before. */
public final class EntityPages {
  private EntityPages() {}

  /** Every entity {@code plan} selects, {@code size} at a time, in the order served. */
  public static List<ObjectNode> all(EntityQuery query, QueryPlan plan, int size) {
    List<ObjectNode> entities = new ArrayList<>();
    EntityQuery.Position position = null;
    EntityQuery.Page page;
    do {
      page = query.page(plan, position, size);
      entities.addAll(page.items());
      int last = page.items().size() - 1;
      position = last < 0 ? null : new EntityQuery.Position(page.values().get(last), page.ids().get(last), false);
    } while (page.more());
    return entities;
  }
}
