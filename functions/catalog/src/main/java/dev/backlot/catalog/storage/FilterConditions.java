package dev.backlot.catalog.storage;

import dev.backlot.catalog.storage.EntityFilter.All;
import dev.backlot.catalog.storage.EntityFilter.Any;
import dev.backlot.catalog.storage.EntityFilter.Field;
import dev.backlot.catalog.storage.EntityFilter.Node;
import dev.backlot.catalog.storage.EntityFilter.Not;
import java.util.ArrayList;
import java.util.List;

/**
 * A filter tree as an SQL condition on one entity, named by expressions for its internal id and
 * its kind (either {@code final_entities} columns or those of a search row), adding its
 * parameters in order; null when everything matches. Keys and values are already lower-case,
 * as search rows hold them.
 */
final class FilterConditions {
  private FilterConditions() {}

  static String of(Node node, String id, String kind, List<Object> parameters) {
    return switch (node) {
      case All all -> join(all.nodes(), " AND ", id, kind, parameters);
      case Any any -> any.nodes().isEmpty() ? "1 = 0" : join(any.nodes(), " OR ", id, kind, parameters);
      case Not not -> {
        String inner = of(not.node(), id, kind, parameters);
        yield inner == null ? "1 = 0" : "NOT " + inner;
      }
      case Field field -> field(field, id, kind, parameters);
    };
  }

  private static String join(List<Node> nodes, String operator, String id, String kind, List<Object> parameters) {
    List<String> conditions = new ArrayList<>();
    List<Object> joined = new ArrayList<>();
    for (Node node : nodes) {
      String condition = of(node, id, kind, joined);
      if (condition == null && operator.equals(" OR ")) {
        // One alternative matches everything, so the whole OR does: none of its parameters are used.
        return null;
      }
      if (condition != null) {
        conditions.add(condition);
      }
    }
    parameters.addAll(joined);
    return conditions.isEmpty() ? null : "(" + String.join(operator, conditions) + ")";
  }

  private static String field(Field field, String id, String kind, List<Object> parameters) {
    if (field.key().equals("kind")) {
      if (field.exists() != null) {
        return field.exists() ? null : "1 = 0";
      }
      if (field.prefix() != null) {
        parameters.add(likePrefix(field.prefix()));
        return kind + " LIKE ? ESCAPE '!'";
      }
      parameters.addAll(field.values());
      return kind + " IN (" + InList.marks(field.values().size()) + ")";
    }
    String sql;
    if (field.key().startsWith("relations.") && field.exists() == null) {
      // The entities with a relation to given targets, found once by target as one range of the
      // relations_target index, which holds each source's id (V14): a page's walk checks each row
      // against that set, not a probe per row.
      return id + " IN (SELECT r.source_entity_id FROM relations r WHERE " + relationSources(field, parameters) + ")";
    }
    if (field.key().startsWith("relations.")) {
      sql = "SELECT 1 FROM final_entities re JOIN relations r ON r.source_entity_ref = re.entity_ref WHERE re.id = " + id + " AND LOWER(r.type) = ?";
      parameters.add(field.key().substring("relations.".length()));
      sql += valueTest("LOWER(r.target_entity_ref)", field, parameters);
    } else {
      sql = "SELECT 1 FROM search s WHERE s.entity = " + id + " AND (s.key = ?";
      parameters.add(field.key());
      sql += valueTest("s.value", field, parameters) + arrayItemTest(field, parameters) + ")";
    }
    return (Boolean.FALSE.equals(field.exists()) ? "NOT EXISTS (" : "EXISTS (") + sql + ")";
  }

  /**
   * The condition on relation row {@code r} of a relation test with values or a prefix ({@code
   * relations.ownedby=group:default/a}): rows of that type to those targets whose source entity
   * is stored (a null id would make {@code NOT (id IN …)} unknown for every entity).
   */
  static String relationSources(Field field, List<Object> parameters) {
    parameters.add(field.key().substring("relations.".length()));
    return "LOWER(r.type) = ?" + valueTest("LOWER(r.target_entity_ref)", field, parameters) + " AND r.source_entity_id IS NOT NULL";
  }

  /**
   * Backstage also matches an array item as a key of its own with the value {@code true}:
   * {@code metadata.tags.java} and {@code metadata.tags.java=true} find entities tagged java.
   */
  private static String arrayItemTest(Field field, List<Object> parameters) {
    int dot = field.key().lastIndexOf('.');
    if (dot <= 0 || dot == field.key().length() - 1 || !field.mayBeArrayItem()) {
      return "";
    }
    parameters.add(field.key().substring(0, dot));
    parameters.add(field.key().substring(dot + 1));
    return " OR (s.key = ? AND s.value = ?)";
  }

  private static String valueTest(String column, Field field, List<Object> parameters) {
    if (field.prefix() != null) {
      parameters.add(likePrefix(field.prefix()));
      return " AND " + column + " LIKE ? ESCAPE '!'";
    }
    if (field.exists() != null) {
      return "";
    }
    parameters.addAll(field.values());
    return " AND " + column + " IN (" + InList.marks(field.values().size()) + ")";
  }

  private static String likePrefix(String prefix) {
    return escapeLike(prefix) + "%";
  }

  /** {@code text} matched literally by {@code LIKE … ESCAPE '!'}. */
  static String escapeLike(String text) {
    return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
  }
}
