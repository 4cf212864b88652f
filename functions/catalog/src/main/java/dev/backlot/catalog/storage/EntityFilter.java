package dev.backlot.catalog.storage;

import dev.backlot.platform.http.HttpError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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

  /** An SQL condition on {@code e.entity_id} and its parameters, or null when everything matches. */
  String sql(List<Object> parameters) {
    if (anyOf.isEmpty()) {
      return null;
    }
    List<String> alternatives = new ArrayList<>();
    for (Map<String, List<String>> allOf : anyOf) {
      List<String> conditions = new ArrayList<>();
      for (Map.Entry<String, List<String>> term : allOf.entrySet()) {
        if (term.getKey().startsWith("relations.")) {
          conditions.add(relationCondition(term.getKey().substring("relations.".length()), term.getValue(), parameters));
          continue;
        }
        StringBuilder condition = new StringBuilder("e.entity_id IN (SELECT s.entity_id FROM search s WHERE s.key = ?");
        parameters.add(term.getKey());
        if (!term.getValue().isEmpty()) {
          condition.append(" AND s.value IN (").append("?,".repeat(term.getValue().size() - 1)).append("?)");
          parameters.addAll(term.getValue());
        }
        conditions.add(condition.append(")").toString());
      }
      alternatives.add("(" + String.join(" AND ", conditions) + ")");
    }
    return "(" + String.join(" OR ", alternatives) + ")";
  }

  /** {@code relations.ownedBy=group:default/a}: the entity is the source of such a relation. */
  private static String relationCondition(String type, List<String> targets, List<Object> parameters) {
    StringBuilder condition = new StringBuilder("e.entity_ref IN (SELECT r.source_entity_ref FROM relations r WHERE LOWER(r.type) = ?");
    parameters.add(type);
    if (!targets.isEmpty()) {
      condition.append(" AND r.target_entity_ref IN (").append("?,".repeat(targets.size() - 1)).append("?)");
      parameters.addAll(targets);
    }
    return condition.append(")").toString();
  }
}
