package dev.backlot.catalog.storage;

import dev.backlot.platform.http.HttpError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Backstage's {@code filter} query parameter: {@code filter=kind=component,spec.type=service}
 * means AND within one parameter, repeated parameters mean OR, {@code key} alone means the key
 * exists, a key repeated within one parameter matches any of its values, case is ignored.
 *
 * @param anyOf the alternatives; each maps a key to the accepted values (empty: the key exists)
 */
public record EntityFilter(List<Map<String, List<String>>> anyOf) {
  public static final EntityFilter ALL = new EntityFilter(List.of());

  public static EntityFilter parse(List<String> parameters) {
    List<Map<String, List<String>>> anyOf = new ArrayList<>();
    for (String parameter : parameters) {
      Map<String, List<String>> allOf = new LinkedHashMap<>();
      for (String statement : parameter.split(",")) {
        String trimmed = statement.trim();
        if (trimmed.isEmpty()) {
          continue;
        }
        int equals = trimmed.indexOf('=');
        String key = (equals < 0 ? trimmed : trimmed.substring(0, equals)).trim().toLowerCase(Locale.ROOT);
        if (key.isEmpty()) {
          throw HttpError.inputError("Invalid filter, '" + trimmed + "' is not a valid statement (expected a string on the form a=b or a= or a)");
        }
        List<String> values = allOf.computeIfAbsent(key, k -> new ArrayList<>());
        if (equals >= 0) {
          values.add(trimmed.substring(equals + 1).trim().toLowerCase(Locale.ROOT));
        }
      }
      if (!allOf.isEmpty()) {
        anyOf.add(allOf);
      }
    }
    return new EntityFilter(List.copyOf(anyOf));
  }

  /**
   * The filter as an SQL condition on one entity, named by expressions for its internal id and
   * its kind (either {@code final_entities} columns or those of a search row), with its
   * parameters; null when everything matches.
   */
  String condition(String id, String kind, List<Object> parameters) {
    if (anyOf.isEmpty()) {
      return null;
    }
    List<String> alternatives = new ArrayList<>();
    for (Map<String, List<String>> allOf : anyOf) {
      String condition = condition(allOf, id, kind, null, parameters);
      alternatives.add(condition == null ? "1 = 1" : condition);
    }
    return "(" + String.join(" OR ", alternatives) + ")";
  }

  /** Whether every matching entity is of one kind, named by the filter. */
  boolean singleKind() {
    return anyOf.size() == 1 && anyOf.get(0).getOrDefault("kind", List.of()).size() == 1;
  }

  /**
   * A single alternative whose rows of one key can drive a query: the filter is {@code kind}
   * plus at least one other key with values, as the UI's queries are. Empty otherwise.
   */
  Optional<Anchor> anchor() {
    if (anyOf.size() != 1) {
      return Optional.empty();
    }
    Map<String, List<String>> allOf = anyOf.get(0);
    List<String> kinds = allOf.getOrDefault("kind", List.of());
    return allOf.entrySet().stream()
        .filter(term -> !term.getKey().equals("kind") && !term.getKey().startsWith("relations.") && !term.getValue().isEmpty())
        .findFirst()
        .filter(term -> !kinds.isEmpty())
        .map(term -> new Anchor(allOf, kinds, term.getKey(), term.getValue()));
  }

  /** The rows of {@code key} with one of {@code values}, among {@code kinds}; the other terms are conditions. */
  record Anchor(Map<String, List<String>> allOf, List<String> kinds, String key, List<String> values) {
    /** Conditions on the anchor row {@code a} (its key, kind and value) and the other terms. */
    String condition(List<Object> parameters) {
      StringBuilder sql = new StringBuilder("a.key = ? AND a.kind IN (" + marks(kinds.size()) + ") AND a.value IN (" + marks(values.size()) + ")");
      parameters.add(key);
      parameters.addAll(kinds);
      parameters.addAll(values);
      String others = EntityFilter.condition(allOf, "a.entity", "a.kind", key, parameters);
      return others == null ? sql.toString() : sql.append(" AND ").append(others).toString();
    }
  }

  private static String condition(Map<String, List<String>> allOf, String id, String kind, String skipKey, List<Object> parameters) {
    List<String> conditions = new ArrayList<>();
    for (Map.Entry<String, List<String>> term : allOf.entrySet()) {
      String key = term.getKey();
      List<String> values = term.getValue();
      if (key.equals(skipKey) || (skipKey != null && key.equals("kind"))) {
        continue;
      }
      if (key.equals("kind")) {
        if (!values.isEmpty()) {
          conditions.add(kind + " IN (" + marks(values.size()) + ")");
          parameters.addAll(values);
        }
      } else if (key.startsWith("relations.")) {
        conditions.add(relationCondition(id, key.substring("relations.".length()), values, parameters));
      } else {
        StringBuilder condition = new StringBuilder("EXISTS (SELECT 1 FROM search s WHERE s.entity = " + id + " AND s.key = ?");
        parameters.add(key);
        if (!values.isEmpty()) {
          condition.append(" AND s.value IN (").append(marks(values.size())).append(")");
          parameters.addAll(values);
        }
        conditions.add(condition.append(")").toString());
      }
    }
    return conditions.isEmpty() ? null : "(" + String.join(" AND ", conditions) + ")";
  }

  /** {@code relations.ownedBy=group:default/a}: the entity is the source of such a relation. */
  private static String relationCondition(String id, String type, List<String> targets, List<Object> parameters) {
    StringBuilder condition = new StringBuilder("EXISTS (SELECT 1 FROM final_entities re JOIN relations r ON r.source_entity_ref = re.entity_ref"
        + " WHERE re.id = " + id + " AND LOWER(r.type) = ?");
    parameters.add(type);
    if (!targets.isEmpty()) {
      condition.append(" AND r.target_entity_ref IN (").append(marks(targets.size())).append(")");
      parameters.addAll(targets);
    }
    return condition.append(")").toString();
  }

  static String marks(int count) {
    return "?,".repeat(count - 1) + "?";
  }
}
