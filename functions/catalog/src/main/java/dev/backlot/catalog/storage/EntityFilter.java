package dev.backlot.catalog.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.platform.http.HttpError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which entities a query selects, from either of Backstage's syntaxes: the {@code filter}
 * query parameter ({@code filter=kind=component,spec.type=service}: AND within one parameter,
 * OR across repeated ones, {@code key} alone means the key exists) or a predicate body
 * ({@code {"$all": [{"kind": "component"}, {"spec.type": {"$in": ["service"]}}]}} with
 * {@code $all}, {@code $any}, {@code $not}, {@code $exists}, {@code $in}, {@code $hasPrefix} and
 * {@code $contains}). Keys and values are matched ignoring case. Both become one tree, which
 * compiles to SQL and travels in cursors as a predicate.
 */
public final class EntityFilter {
  public static final EntityFilter ALL = new EntityFilter(new All(List.of()));

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
    return predicate == null || predicate.isNull() || predicate.isMissingNode() ? ALL : new EntityFilter(node(predicate, 0));
  }

  private static final int MAX_DEPTH = 32;

  private static Node node(JsonNode predicate, int depth) {
    if (depth > MAX_DEPTH) {
      throw HttpError.inputError("Invalid filter predicate: nested deeper than " + MAX_DEPTH + " levels");
    }
    if (!predicate.isObject()) {
      throw HttpError.inputError("Invalid filter predicate: top-level primitive values are not supported. Wrap the value in a field expression, e.g. { \"kind\": "
          + predicate + " }");
    }
    if (predicate.has("$not")) {
      return new Not(node(predicate.get("$not"), depth + 1));
    }
    if (predicate.has("$all") || predicate.has("$any")) {
      JsonNode list = predicate.has("$all") ? predicate.get("$all") : predicate.get("$any");
      if (!list.isArray()) {
        throw HttpError.inputError("Invalid filter predicate: " + (predicate.has("$all") ? "$all" : "$any") + " must be an array");
      }
      List<Node> nodes = new ArrayList<>();
      list.forEach(item -> nodes.add(node(item, depth + 1)));
      return predicate.has("$all") ? new All(List.copyOf(nodes)) : new Any(List.copyOf(nodes));
    }
    List<Node> fields = new ArrayList<>();
    predicate.fields().forEachRemaining(field -> fields.add(field(field.getKey().toLowerCase(Locale.ROOT), field.getValue())));
    return fields.size() == 1 ? fields.get(0) : new All(List.copyOf(fields));
  }

  private static Node field(String key, JsonNode value) {
    if (value.isValueNode() && !value.isNull()) {
      return Field.equalsAny(key, List.of(value.asText().toLowerCase(Locale.ROOT)));
    }
    if (value.isObject() && value.has("$exists") && value.get("$exists").isBoolean()) {
      return new Field(key, List.of(), value.get("$exists").asBoolean(), null);
    }
    if (value.isObject() && value.path("$in").isArray()) {
      List<String> values = new ArrayList<>();
      value.get("$in").forEach(v -> values.add(v.asText().toLowerCase(Locale.ROOT)));
      return values.isEmpty() ? new Any(List.of()) : Field.equalsAny(key, values);
    }
    if (value.isObject() && value.path("$hasPrefix").isTextual()) {
      return new Field(key, List.of(), null, value.get("$hasPrefix").asText().toLowerCase(Locale.ROOT));
    }
    JsonNode contains = value.path("$contains");
    if (contains.isValueNode() && !contains.isNull()) {
      return Field.equalsAny(key, List.of(contains.asText().toLowerCase(Locale.ROOT)));
    }
    if (key.equals("relations") && contains.isObject() && contains.path("type").isTextual()) {
      String relation = "relations." + contains.get("type").asText().toLowerCase(Locale.ROOT);
      JsonNode target = contains.has("targetRef") ? contains.get("targetRef") : contains.path("targetref");
      if (target.isMissingNode()) {
        return new Field(relation, List.of(), true, null);
      }
      return field(relation, target);
    }
    throw HttpError.inputError("Unsupported filter predicate value for field \"" + key + "\": " + value);
  }

  /** The tree as a predicate body, the form cursors carry. */
  public JsonNode toPredicate() {
    return json(root);
  }

  private static JsonNode json(Node node) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    return switch (node) {
      case All all -> list("$all", all.nodes());
      case Any any -> list("$any", any.nodes());
      case Not not -> nodes.objectNode().set("$not", json(not.node()));
      case Field field -> {
        ObjectNode object = nodes.objectNode();
        if (field.exists() != null) {
          object.putObject(field.key()).put("$exists", field.exists());
        } else if (field.prefix() != null) {
          object.putObject(field.key()).put("$hasPrefix", field.prefix());
        } else if (field.values().size() == 1) {
          object.put(field.key(), field.values().get(0));
        } else {
          field.values().forEach(object.putObject(field.key()).putArray("$in")::add);
        }
        yield object;
      }
    };
  }

  private static JsonNode list(String operator, List<Node> nodes) {
    ObjectNode object = JsonNodeFactory.instance.objectNode();
    ArrayNode array = object.putArray(operator);
    nodes.forEach(n -> array.add(json(n)));
    return object;
  }

  /**
   * The filter as an SQL condition on one entity, named by expressions for its internal id and
   * its kind (either {@code final_entities} columns or those of a search row), with its
   * parameters; null when everything matches.
   */
  String condition(String id, String kind, List<Object> parameters) {
    return condition(root, id, kind, parameters);
  }

  private static String condition(Node node, String id, String kind, List<Object> parameters) {
    return switch (node) {
      case All all -> join(all.nodes(), " AND ", id, kind, parameters);
      case Any any -> any.nodes().isEmpty() ? "1 = 0" : join(any.nodes(), " OR ", id, kind, parameters);
      case Not not -> {
        String inner = condition(not.node(), id, kind, parameters);
        yield inner == null ? "1 = 0" : "NOT " + inner;
      }
      case Field field -> fieldCondition(field, id, kind, parameters);
    };
  }

  private static String join(List<Node> nodes, String operator, String id, String kind, List<Object> parameters) {
    List<String> conditions = new ArrayList<>();
    List<Object> joined = new ArrayList<>();
    for (Node node : nodes) {
      String condition = condition(node, id, kind, joined);
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

  private static String fieldCondition(Field field, String id, String kind, List<Object> parameters) {
    if (field.key().equals("kind")) {
      if (field.exists() != null) {
        return field.exists() ? null : "1 = 0";
      }
      if (field.prefix() != null) {
        parameters.add(likePrefix(field.prefix()));
        return kind + " LIKE ? ESCAPE '!'";
      }
      parameters.addAll(field.values());
      return kind + " IN (" + marks(field.values().size()) + ")";
    }
    String sql;
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
   * Backstage also matches an array item as a key of its own with the value {@code true}:
   * {@code metadata.tags.java} and {@code metadata.tags.java=true} find entities tagged java.
   */
  private static String arrayItemTest(Field field, List<Object> parameters) {
    int dot = field.key().lastIndexOf('.');
    boolean trueOrAny = field.prefix() == null && (field.exists() != null || field.values().equals(List.of("true")));
    if (dot <= 0 || dot == field.key().length() - 1 || !trueOrAny) {
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
    return " AND " + column + " IN (" + marks(field.values().size()) + ")";
  }

  private static String likePrefix(String prefix) {
    return prefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
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

  /** The kinds every matching entity is one of, when the filter names them at its top level. */
  Optional<List<String>> kinds() {
    return topLevel().stream()
        .flatMap(n -> n instanceof Field f && f.key().equals("kind") && !f.values().isEmpty() ? java.util.stream.Stream.of(f) : java.util.stream.Stream.empty())
        .findFirst()
        .map(f -> f.values().stream().distinct().toList());
  }

  /** The conditions every matching entity meets: the children of a top-level AND, or the root. */
  private List<Node> topLevel() {
    return root instanceof All all ? all.nodes() : List.of(root);
  }

  /**
   * A filter whose matches are among one key's search rows of given kinds and values, as the
   * UI's queries are ({@code kind} plus another key with values). Empty otherwise.
   */
  Optional<Anchor> anchor() {
    List<Node> nodes = topLevel();
    Optional<Field> kinds = nodes.stream()
        .flatMap(n -> n instanceof Field f && f.key().equals("kind") && !f.values().isEmpty() ? java.util.stream.Stream.of(f) : java.util.stream.Stream.empty())
        .findFirst();
    Optional<Field> term = nodes.stream()
        // "=true" may also match an array item (metadata.tags.java=true): not one key's rows.
        .flatMap(n -> n instanceof Field f && !f.key().equals("kind") && !f.key().startsWith("relations.") && !f.values().isEmpty()
            && !f.values().equals(List.of("true"))
            ? java.util.stream.Stream.of(f) : java.util.stream.Stream.empty())
        .findFirst();
    if (kinds.isEmpty() || term.isEmpty()) {
      return Optional.empty();
    }
    List<Node> rest = new ArrayList<>(nodes);
    rest.remove(kinds.get());
    rest.remove(term.get());
    return Optional.of(new Anchor(kinds.get().values(), term.get().key(), term.get().values(), new All(List.copyOf(rest))));
  }

  /** The rows of {@code key} with one of {@code values}, among {@code kinds}; {@code rest} must hold too. */
  record Anchor(List<String> kinds, String key, List<String> values, Node rest) {
    /** Conditions on the anchor row {@code a} (its key, kind and value) and the rest. */
    String condition(List<Object> parameters) {
      StringBuilder sql = new StringBuilder("a.key = ? AND a.kind IN (" + marks(kinds.size()) + ") AND a.value IN (" + marks(values.size()) + ")");
      parameters.add(key);
      parameters.addAll(kinds);
      parameters.addAll(values);
      String others = EntityFilter.condition(rest, "a.entity", "a.kind", parameters);
      return others == null ? sql.toString() : sql.append(" AND ").append(others).toString();
    }
  }

  static String marks(int count) {
    return "?,".repeat(count - 1) + "?";
  }
}
