package dev.backlot.catalog.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Backstage's {@code EntityFilterQuery}: entities matching any of its alternatives, each matching
 * all of its conditions ({@code key=value}, or {@code key} existing). Values are data, never
 * syntax: the client sends them as a JSON predicate wherever the catalog takes one, and refuses
 * to put into a {@code filter=} parameter anything that would change that parameter's meaning
 * (a comma starts another condition there, so {@code x@evil,spec.profile.email=admin@corp} would
 * match admin's User).
 */
public final class EntityFilterQuery {
  private record Condition(String key, String value) {}

  private final List<List<Condition>> anyOf;

  private EntityFilterQuery(List<List<Condition>> anyOf) {
    this.anyOf = anyOf;
  }

  /** Entities whose {@code key} is {@code value} (ignoring case, as the catalog compares). */
  public static EntityFilterQuery where(String key, String value) {
    return new EntityFilterQuery(List.of(List.of(condition(key, value))));
  }

  /** Entities that have {@code key} at all (Backstage's {@code CATALOG_FILTER_EXISTS}). */
  public static EntityFilterQuery whereExists(String key) {
    return new EntityFilterQuery(List.of(List.of(condition(key, null))));
  }

  /** This and {@code key} being {@code value}. */
  public EntityFilterQuery and(String key, String value) {
    return with(condition(key, value));
  }

  /** This and {@code key} existing. */
  public EntityFilterQuery andExists(String key) {
    return with(condition(key, null));
  }

  /** Entities matching this or {@code other}. */
  public EntityFilterQuery or(EntityFilterQuery other) {
    List<List<Condition>> both = new ArrayList<>(anyOf);
    both.addAll(other.anyOf);
    return new EntityFilterQuery(List.copyOf(both));
  }

  private EntityFilterQuery with(Condition condition) {
    if (anyOf.size() != 1) {
      throw new IllegalStateException("and(...) after or(...) is ambiguous: build each alternative, then join them with or(...)");
    }
    List<Condition> allOf = new ArrayList<>(anyOf.get(0));
    allOf.add(condition);
    return new EntityFilterQuery(List.of(List.copyOf(allOf)));
  }

  private static Condition condition(String key, String value) {
    if (key == null || key.isBlank() || key.startsWith("$")) {
      throw new IllegalArgumentException("a filter key must be a field path such as spec.type, was '" + key + "'");
    }
    return new Condition(key, value);
  }

  /** Backstage's predicate ({@code $any} of {@code $all}), the form POST bodies take: values stay values. */
  Map<String, Object> predicate() {
    List<Object> alternatives = new ArrayList<>();
    for (List<Condition> allOf : anyOf) {
      List<Object> conditions = new ArrayList<>();
      for (Condition condition : allOf) {
        Map<String, Object> field = new LinkedHashMap<>();
        field.put(condition.key(), condition.value() == null ? Map.of("$exists", true) : condition.value());
        conditions.add(field);
      }
      alternatives.add(Map.of("$all", conditions));
    }
    return alternatives.size() == 1 ? castMap(alternatives.get(0)) : Map.of("$any", alternatives);
  }

  /**
   * The {@code filter} query parameters of {@code GET /entities}, one per alternative. Throws
   * when a key or value holds what that syntax cannot carry: use a query that takes a predicate
   * ({@link CatalogClient#queryEntities}) for such values.
   */
  List<String> parameters() {
    List<String> parameters = new ArrayList<>();
    for (List<Condition> allOf : anyOf) {
      List<String> statements = new ArrayList<>();
      for (Condition condition : allOf) {
        if (condition.key().contains(",") || condition.key().contains("=")) {
          throw new IllegalArgumentException("the filter key '" + condition.key() + "' cannot be sent as a filter parameter");
        }
        if (condition.value() == null) {
          statements.add(condition.key());
        } else if (condition.value().contains(",") || !condition.value().equals(condition.value().trim())) {
          throw new IllegalArgumentException("the value of " + condition.key() + " cannot be sent as a filter parameter "
              + "(a comma or edge space would change its meaning): query with CatalogClient.queryEntities instead");
        } else {
          statements.add(condition.key() + "=" + condition.value());
        }
      }
      parameters.add(String.join(",", statements));
    }
    return parameters;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Object map) {
    return (Map<String, Object>) map;
  }
}
