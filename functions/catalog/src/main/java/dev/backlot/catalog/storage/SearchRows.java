package dev.backlot.catalog.storage;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Flattens an entity into the key/value rows filters, orders and facets query: dotted lower-case
 * keys ({@code spec.type}, {@code metadata.tags}), one row per array element, values lower-cased
 * for matching and kept as written for facets. Relations are queried in their own table.
 * A value repeats at most once per key (ignoring case), so counting rows counts entities.
 */
final class SearchRows {
  static final int MAX_VALUE = 200;

  record Row(String key, String value, String originalValue) {}

  private SearchRows() {}

  static List<Row> of(JsonNode entity) {
    List<Row> rows = new ArrayList<>();
    flatten("", entity, rows);
    Set<Row> seen = new HashSet<>();
    rows.removeIf(row -> !seen.add(new Row(row.key(), row.value(), null)));
    return rows;
  }

  /** The least value of {@code key} among {@code rows} (what an entity sorts by), or null. */
  static String least(List<Row> rows, String key) {
    String least = null;
    for (Row row : rows) {
      if (row.key().equals(key) && (least == null || row.value().compareTo(least) < 0)) {
        least = row.value();
      }
    }
    return least;
  }

  private static void flatten(String prefix, JsonNode node, List<Row> rows) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : (Iterable<Map.Entry<String, JsonNode>>) node::fields) {
        if (prefix.isEmpty() && field.getKey().equals("relations")) {
          continue;
        }
        flatten(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), rows);
      }
    } else if (node.isArray()) {
      for (JsonNode item : node) {
        if (item.isValueNode()) {
          add(rows, prefix, item.asText());
        }
      }
    } else if (node.isValueNode() && !node.isNull()) {
      add(rows, prefix, node.asText());
    }
  }

  private static void add(List<Row> rows, String key, String value) {
    // Long values (API definitions, descriptions) are not matched by filters, as in Backstage.
    if (value.length() > MAX_VALUE || key.length() > 250) {
      return;
    }
    rows.add(new Row(key.toLowerCase(Locale.ROOT), value.toLowerCase(Locale.ROOT), value));
  }
}
