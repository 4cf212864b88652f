package dev.backlot.catalog.storage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlot.platform.http.HttpError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which entities a query selects, from either of Backstage's syntaxes: the {@code filter}
 * query parameter ({@code filter=kind=component,spec.type=service}: AND within one parameter,
 * OR across repeated ones, {@code key} alone means the key exists) or a predicate body
 * ({@code {"$all": [{"kind": "component"}, {"spec.type": {"$in": ["service"]}}]}} with
 * {@code $all}, {@code $any}, {@code $not}, {@code $exists}, {@code $in}, {@code $hasPrefix} and
 * {@code $contains}). Keys and values are matched ignoring case. Both become one tree, which
 * a {@link QueryPlan} compiles to SQL ({@link FilterConditions}) and cursors carry as a predicate
 * ({@link FilterPredicate}).
 */
public final class EntityFilter {
  public static final EntityFilter ALL = new EntityFilter(new All(List.of()));
  /** Selects nothing: what a denied read sees. */
  public static final EntityFilter NONE = new EntityFilter(new Any(List.of()));

  /** A node of the tree. */
  sealed interface Node permits All, Any, Not, Field {}

  record All(List<Node> nodes) implements Node {}

  record Any(List<Node> nodes) implements Node {}

  record Not(Node node) implements Node {}

  /** A field test: one of {@code values} (lower-cased), existence, or a prefix. */
  record Field(String key, List<String> values, Boolean exists, String prefix) implements Node {
    static Field equalsAny(String key, List<String> values) {
      return new Field(key, List.copyOf(values), null, null);
    }

    /** A test of one value among those of {@code kind}, as every kind test but existence is. */
    boolean namesKinds() {
      return key.equals("kind") && !values.isEmpty();
    }

    /** "=true" and existence may also match an array item as a key ({@code metadata.tags.java=true}). */
    boolean mayBeArrayItem() {
      return prefix == null && (exists != null || values.equals(List.of("true")));
    }
  }

  /**
   * The most values and operators one filter may hold. Each becomes SQL parameters (up to four for
   * a value), and a sorted page repeats the filter once per kind: 500 keeps a query within
   * SQLite's 32,766 parameters for a catalog of up to 16 kinds (Backstage's own are 9).
   */
  static final int MAX_TERMS = 500;

  private final Node root;

  private EntityFilter(Node root) {
    if (terms(root) > MAX_TERMS) {
      throw HttpError.inputError("Invalid filter: more than " + MAX_TERMS + " values and operators in all");
    }
    this.root = root;
  }

  /** Each value of a field test, each other field test and each operator counts one. */
  private static int terms(Node node) {
    return switch (node) {
      case All all -> 1 + all.nodes().stream().mapToInt(EntityFilter::terms).sum();
      case Any any -> 1 + any.nodes().stream().mapToInt(EntityFilter::terms).sum();
      case Not not -> 1 + terms(not.node());
      case Field field -> Math.max(1, field.values().size());
    };
  }

  /** Backstage's {@code filter} query parameters. */
  public static EntityFilter parse(List<String> parameters) {
    List<Node> anyOf = new ArrayList<>();
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
      List<Node> fields = new ArrayList<>();
      allOf.forEach((key, values) -> fields.add(values.isEmpty() ? new Field(key, List.of(), true, null) : Field.equalsAny(key, values)));
      if (!fields.isEmpty()) {
        anyOf.add(new All(List.copyOf(fields)));
      }
    }
    return anyOf.isEmpty() ? ALL : new EntityFilter(anyOf.size() == 1 ? anyOf.get(0) : new Any(List.copyOf(anyOf)));
  }

  /** A predicate body ({@code query} of {@code POST /entities/by-query}); null selects everything. */
  public static EntityFilter fromPredicate(JsonNode predicate) {
    return predicate == null || predicate.isNull() || predicate.isMissingNode() ? ALL : new EntityFilter(FilterPredicate.read(predicate));
  }

  /** The tree as a predicate body, the form cursors carry. */
  public JsonNode toPredicate() {
    return FilterPredicate.write(root);
  }

  /**
   * The filter as an SQL condition on one entity, named by expressions for its internal id and
   * its kind (either {@code final_entities} columns or those of a search row), with its
   * parameters; null when everything matches.
   */
  String condition(String id, String kind, List<Object> parameters) {
    return FilterConditions.of(root, id, kind, parameters);
  }

  /** Whether a record with these values per (lower-case) key matches, for filtering outside SQL. */
  public boolean matches(Map<String, List<String>> record) {
    return matches(root, record);
  }

  private static boolean matches(Node node, Map<String, List<String>> record) {
    return switch (node) {
      case All all -> all.nodes().stream().allMatch(n -> matches(n, record));
      case Any any -> any.nodes().stream().anyMatch(n -> matches(n, record));
      case Not not -> !matches(not.node(), record);
      case Field field -> {
        List<String> values = record.getOrDefault(field.key(), List.of()).stream().map(v -> v.toLowerCase(Locale.ROOT)).toList();
        if (field.exists() != null) {
          yield field.exists() != values.isEmpty();
        }
        if (field.prefix() != null) {
          yield values.stream().anyMatch(v -> v.startsWith(field.prefix()));
        }
        yield values.stream().anyMatch(field.values()::contains);
      }
    };
  }

  /** Entities whose {@code key} holds one of {@code values} (keys and values matched ignoring case). */
  public static EntityFilter valueOf(String key, List<String> values) {
    return new EntityFilter(Field.equalsAny(key.toLowerCase(Locale.ROOT), values.stream().map(v -> v.toLowerCase(Locale.ROOT)).toList()));
  }

  /** Entities that have {@code key}. */
  public static EntityFilter has(String key) {
    return new EntityFilter(new Field(key.toLowerCase(Locale.ROOT), List.of(), true, null));
  }

  public static EntityFilter allOf(EntityFilter... filters) {
    return new EntityFilter(new All(java.util.Arrays.stream(filters).map(f -> f.root).toList()));
  }

  public static EntityFilter anyOf(EntityFilter... filters) {
    return new EntityFilter(new Any(java.util.Arrays.stream(filters).map(f -> f.root).toList()));
  }

  public static EntityFilter not(EntityFilter filter) {
    return new EntityFilter(new Not(filter.root));
  }

  /**
   * Entities this filter and {@code other} both select, as one flat AND, so that a query plan
   * still finds the kinds and the anchor among the top-level conditions of either.
   */
  public EntityFilter and(EntityFilter other) {
    if (other == ALL) {
      return this;
    }
    List<Node> nodes = new ArrayList<>(topLevel());
    nodes.addAll(other.topLevel());
    return new EntityFilter(new All(List.copyOf(nodes)));
  }

  /** Entities that meet every one of {@code nodes}. */
  static EntityFilter allOf(List<Node> nodes) {
    return new EntityFilter(new All(List.copyOf(nodes)));
  }

  /** The conditions every matching entity meets: the children of a top-level AND, or the root. */
  List<Node> topLevel() {
    return root instanceof All all ? all.nodes() : List.of(root);
  }
}
