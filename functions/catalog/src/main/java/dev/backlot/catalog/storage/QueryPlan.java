package dev.backlot.catalog.storage;

import dev.backlot.catalog.storage.EntityFilter.All;
import dev.backlot.catalog.storage.EntityFilter.Any;
import dev.backlot.catalog.storage.EntityFilter.Field;
import dev.backlot.catalog.storage.EntityFilter.Node;
import dev.backlot.platform.http.HttpError;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A by-query request compiled once, when it arrives: its filter, full-text match, sort field and
 * the kinds it names, and from them the one statement storage runs for each part of a page and
 * for the count. Which way each is read is decided here, so a new query shape is a change here:
 *
 * <ul>
 *   <li>sorted, without a term: one walk per kind down that kind's rows of the sort field (one
 *       index range, in value order), each row checked against the filter, merged; when the
 *       filter names a relation's targets and the sort key is indexed across kinds, one
 *       statement that the database plans from the relation's entities or by walking; when it
 *       requires one of several alternatives led by a relation's targets or by kinds (a
 *       person's entities or Groups), each alternative's first rows, joined;
 *   <li>sorted by name or title, with a term sought in names and titles alone: a walk of the
 *       entities in that order, the term tested on the index entry, which holds both (V16);
 *   <li>sorted, with a term: the term's matches first (the trigram index on PostgreSQL), then
 *       their sort values, sorted. A walk per kind would repeat the match once per kind, and for
 *       a rare term would visit every row of the field before finding its few matches;
 *   <li>entities without the sort field, or no sort at all: entities in internal id order;
 *   <li>the count: the term's matching rows, else one filter term's index range ({@link
 *       Anchor}), else the entities of each such alternative, else every entity checked against
 *       the filter.
 * </ul>
 *
 * <p>Every page statement selects the (sort value, id) of its entities, limited, and reads the
 * entities of those rows alone.
 */
public final class QueryPlan {
  /** A statement and its parameters. */
  record Statement(String sql, List<Object> parameters) {}

  /** Parts of a page: all entities (no sort), those with the sort field, those without it. */
  enum Segment { ALL, VALUED, MISSING }

  private final EntityFilter filter;
  private final TextMatch text;
  private final String sortField;
  private final boolean ascending;
  private final Optional<List<String>> kinds;
  private final int walkFirstRows;
  // The filter names targets of a relation (owned by these groups): usually a few entities, while
  // a walk per kind reads every row of a kind the caller owns none of.
  private final boolean relationLed;
  // Or it requires one of several alternatives, each led by a relation's targets or by kinds (owned
  // by these groups, or a Group): each alternative is read on its own and the results joined.
  private final List<EntityFilter> alternatives;

  private QueryPlan(EntityFilter filter, TextMatch text, String sortField, boolean ascending, int walkFirstRows) {
    this.filter = filter;
    this.walkFirstRows = walkFirstRows;
    this.text = text;
    this.sortField = sortField;
    this.ascending = ascending;
    this.kinds = filter.topLevel().stream()
        .flatMap(n -> n instanceof Field f && f.namesKinds() ? java.util.stream.Stream.of(f) : java.util.stream.Stream.empty())
        .findFirst()
        .map(f -> f.values().stream().distinct().toList());
    this.relationLed = filter.topLevel().stream().anyMatch(QueryPlan::namesRelationTargets);
    this.alternatives = relationLed ? List.of() : alternatives(filter.topLevel());
  }

  private static boolean namesRelationTargets(Node node) {
    return switch (node) {
      case Field f -> f.key().startsWith("relations.") && !f.values().isEmpty();
      case All all -> all.nodes().stream().anyMatch(QueryPlan::namesRelationTargets);
      default -> false;
    };
  }

  /** Whether the kinds that conditions {@code nodes} name have none in common, so no entity meets them all. */
  private static boolean namesNoKind(List<Node> nodes) {
    Set<String> kinds = null;
    for (Node node : nodes) {
      if (node instanceof Field f && f.namesKinds()) {
        Set<String> named = new java.util.HashSet<>(f.values());
        if (kinds != null) {
          named.retainAll(kinds);
        }
        kinds = named;
      }
    }
    return kinds != null && kinds.isEmpty();
  }

  /** Whether an index range holds the node's few entities: a relation's targets, or kinds. */
  private static boolean led(Node node) {
    return switch (node) {
      case Field f -> f.namesKinds() || namesRelationTargets(f);
      case All all -> all.nodes().stream().anyMatch(QueryPlan::led);
      default -> false;
    };
  }

  /**
   * The first top-level OR whose alternatives are all led, one of them by a relation, as one
   * filter per alternative with the other top-level conditions; empty when there is none.
   */
  static List<EntityFilter> alternatives(List<Node> topLevel) {
    for (Node node : topLevel) {
      if (node instanceof Any any && !any.nodes().isEmpty() && any.nodes().stream().allMatch(QueryPlan::led)
          && any.nodes().stream().anyMatch(QueryPlan::namesRelationTargets)) {
        List<Node> rest = new ArrayList<>(topLevel);
        rest.remove(node);
        List<EntityFilter> alternatives = new ArrayList<>();
        for (Node branch : any.nodes()) {
          List<Node> nodes = new ArrayList<>(rest);
          if (branch instanceof All all) {
            nodes.addAll(all.nodes());
          } else {
            nodes.add(branch);
          }
          // kind=component asked under "owned or a Group": the Group alternative holds nothing,
          // and read on its own it would walk every component's row looking for a Group.
          if (!namesNoKind(nodes)) {
            alternatives.add(EntityFilter.allOf(nodes));
          }
        }
        return alternatives;
      }
    }
    return List.of();
  }

  /** Entities matching {@code filter} and {@code text} (either may be null), sorted by {@code sort} (null: by id). */
  public static QueryPlan of(EntityFilter filter, EntityQuery.FullText text, EntityQuery.Sort sort) {
    return of(filter, text, sort, WALK_FIRST_ROWS);
  }

  /** The same, giving up a walk for the term after {@code walkFirstRows} rows (tests walk past a small window). */
  static QueryPlan of(EntityFilter filter, EntityQuery.FullText text, EntityQuery.Sort sort, int walkFirstRows) {
    return new QueryPlan(filter, text == null ? null : TextMatch.of(text.term(), text.fields()),
        sort == null ? null : checkedField(sort.field()), sort == null || sort.ascending(), walkFirstRows);
  }

  boolean ascending() {
    return ascending;
  }

  /** The segments of a page in walking order: entities without the sort field come after those with it. */
  List<Segment> segments(boolean forward) {
    return sortField == null ? List.of(Segment.ALL) : forward ? List.of(Segment.VALUED, Segment.MISSING) : List.of(Segment.MISSING, Segment.VALUED);
  }

  /** The segment a position lies in: a null sort value is past all values. */
  Segment segmentOf(EntityQuery.Position position) {
    return sortField == null ? Segment.ALL : position.value() == null ? Segment.MISSING : Segment.VALUED;
  }

  /**
   * Sort keys indexed in value order across kinds (migration V12, {@code search_sort}): a text
   * query sorted by one of them first walks that index.
   */
  static final Set<String> ORDERED_KEYS = Set.of("metadata.name", "metadata.title", "spec.profile.displayname");

  /**
   * Sort keys the catalog's validation keeps to one string per entity: a row of one is its
   * entity's only value of the key, so it is its least value, and a term in that field is in it.
   */
  static final Set<String> SINGLE_VALUED_KEYS = Set.of("metadata.name", "metadata.title");

  /**
   * Rows (of the sort key, or entities in id order) a walk reads before it gives up on the term:
   * a term in 6% of entities or more fills a page of 20 within them. Each row costs a probe of
   * the term (~0.02 ms at 100k entities), so a rarer term pays about 8 ms before its matches are
   * read through the trigram index; 1,000 rows cost a rare term 20 ms (docs/performance.md).
   */
  static final int WALK_FIRST_ROWS = 400;

  /**
   * Up to {@code limit} entities of {@code segment} after {@code position} (null: from the start),
   * in increasing or decreasing order, with their sort value and id; empty when the catalog holds
   * none of the kinds to walk. {@code catalogKinds} are walked when the filter names none. Each
   * statement but the last is an attempt, whose answer stands only when it fills the page.
   */
  List<Statement> page(Segment segment, EntityQuery.Position position, boolean increasing, int limit, Supplier<List<String>> catalogKinds) {
    List<Statement> attempts = new ArrayList<>();
    if (segment == Segment.VALUED && text != null && KEY_COLUMNS.containsKey(sortField) && KEY_COLUMNS.keySet().containsAll(text.keys())) {
      attempts.add(entities(limit, increasing, parameters -> matchesInKeyWalk(position, increasing, parameters)));
    } else if (segment == Segment.VALUED && text != null && ORDERED_KEYS.contains(sortField)) {
      attempts.add(entities(limit, increasing, parameters -> matchesInSortWindow(position, increasing, parameters)));
    }
    if (segment == Segment.ALL && text != null) {
      attempts.add(entities(limit, increasing, parameters -> matchesInIdWindow(position, increasing, parameters)));
    }
    attempts.add(entities(limit, increasing, parameters -> switch (segment) {
      case VALUED -> text != null ? matchesBySortValue(position, increasing, parameters)
          : relationLed && ORDERED_KEYS.contains(sortField) ? sortRows(filter, List.of(), position, increasing, parameters)
          : !alternatives.isEmpty() && ORDERED_KEYS.contains(sortField) ? alternativesSorted(position, increasing, limit, parameters)
          : walksPerKind(kinds.orElseGet(catalogKinds), position, increasing, limit, parameters);
      case ALL, MISSING -> byId(segment, position, increasing, parameters);
    }));
    return attempts.contains(null) ? List.of() : attempts;
  }

  /** The entities of the first {@code limit} (sort value, id) rows {@code ordered} selects; null when it selects none. */
  private static Statement entities(int limit, boolean increasing, java.util.function.Function<List<Object>, String> ordered) {
    List<Object> parameters = new ArrayList<>();
    String rows = ordered.apply(parameters);
    if (rows == null) {
      return null;
    }
    String direction = increasing ? "ASC" : "DESC";
    parameters.add(limit);
    return new Statement("SELECT e.final_entity, e.entity_ref, w.sort_value, w.sort_id FROM (" + rows + " LIMIT ?) w"
        + " JOIN final_entities e ON e.id = w.sort_id ORDER BY w.sort_value " + direction + ", w.sort_id " + direction, parameters);
  }

  /**
   * The columns of {@code final_entities} that hold an entity's name and title (migration V16),
   * each indexed in its order with the other and the kind beside it.
   */
  static final java.util.Map<String, String> KEY_COLUMNS = java.util.Map.of("metadata.name", "name_key", "metadata.title", "title_key");

  /**
   * Entities a walk of the name or title index reads before it gives up on the term, when the
   * term is sought in names and titles alone: each row costs two {@code LIKE}s on the index entry
   * itself, no probe (20,000 rows ~5 ms at 100k entities), so a term in most titles but in no
   * name that sorts early (15,000 names of APIs before the first component) still fills its page.
   */
  static final int KEY_WALK_ROWS = 20_000;

  /**
   * The matching entities among the next {@link #KEY_WALK_ROWS} entities in name (or title)
   * order, of the filter's kinds, read off the {@code final_entities_name_walk} (or {@code
   * _title_walk}) index: the term is tested on both values the entry holds.
   */
  private String matchesInKeyWalk(EntityQuery.Position position, boolean increasing, List<Object> parameters) {
    String direction = increasing ? "ASC" : "DESC";
    String op = increasing ? ">" : "<";
    String column = "f." + KEY_COLUMNS.get(sortField);
    List<String> window = new ArrayList<>();
    window.add(column + " IS NOT NULL");
    if (kinds.isPresent()) {
      window.add("f.kind IN (" + InList.marks(kinds.get().size()) + ")");
      parameters.addAll(kinds.get());
    }
    if (position != null) {
      window.add("(" + column + " " + op + " ? OR (" + column + " = ? AND f.id " + op + " ?))");
      parameters.add(position.value());
      parameters.add(position.value());
      parameters.add(id(position));
    }
    int rows = walkFirstRows == WALK_FIRST_ROWS ? KEY_WALK_ROWS : walkFirstRows;
    String walked = "SELECT f.id, f.kind, f.name_key, f.title_key FROM final_entities f WHERE " + String.join(" AND ", window)
        + " ORDER BY " + column + " " + direction + ", f.id " + direction + " LIMIT " + rows;
    List<String> matches = new ArrayList<>();
    for (String key : text.keys()) {
      matches.add(text.value("f." + KEY_COLUMNS.get(key), parameters));
    }
    List<String> conditions = new ArrayList<>();
    conditions.add("(" + String.join(" OR ", matches) + ")");
    addCondition(conditions, filter.condition("f.id", "f.kind", parameters));
    return "SELECT " + column + " AS sort_value, f.id AS sort_id FROM (" + walked + ") f WHERE " + String.join(" AND ", conditions)
        + " ORDER BY " + column + " " + direction + ", f.id " + direction;
  }

  /**
   * The matching entities among the next {@code walkFirstRows} rows of the sort key, of every
   * kind, in order. When they fill the page they are its first matches; otherwise the page is
   * read from the matches ({@link #matchesBySortValue}).
   */
  private String matchesInSortWindow(EntityQuery.Position position, boolean increasing, List<Object> parameters) {
    String direction = increasing ? "ASC" : "DESC";
    String op = increasing ? ">" : "<";
    String window = "SELECT o.key, o.value, o.entity, o.kind FROM search o WHERE o.key = '" + sortField + "'";
    if (kinds.isPresent()) {
      // One kind walks its own range of the (key, kind, value) index; several skip other kinds' rows.
      window += " AND o.kind IN (" + InList.marks(kinds.get().size()) + ")";
      parameters.addAll(kinds.get());
    }
    if (position != null) {
      window += " AND (o.value " + op + " ? OR (o.value = ? AND o.entity " + op + " ?))";
      parameters.add(position.value());
      parameters.add(position.value());
      parameters.add(id(position));
    }
    window += " ORDER BY o.value " + direction + ", o.entity " + direction + " LIMIT " + walkFirstRows;
    List<String> conditions = new ArrayList<>();
    conditions.add(termIn("o", parameters, TextMatch::exists));
    if (!SINGLE_VALUED_KEYS.contains(sortField)) {
      conditions.add(LEAST_VALUE);
    }
    addCondition(conditions, filter.condition("o.entity", "o.kind", parameters));
    return "SELECT o.value AS sort_value, o.entity AS sort_id FROM (" + window + ") o WHERE " + String.join(" AND ", conditions)
        + " ORDER BY o.value " + direction + ", o.entity " + direction;
  }

  /**
   * The term is in sort row {@code row}'s entity: read off the row itself when the sort field is
   * single-valued and among the term's fields, and looked up ({@code lookup}) for the term's
   * other fields only.
   */
  private String termIn(String row, List<Object> parameters, Lookup lookup) {
    if (!SINGLE_VALUED_KEYS.contains(sortField) || !text.keys().contains(sortField)) {
      return lookup.condition(text, row + ".entity", parameters);
    }
    TextMatch others = text.without(sortField);
    String onRow = text.value(row + ".value", parameters);
    return others == null ? onRow : "(" + onRow + " OR " + lookup.condition(others, row + ".entity", parameters) + ")";
  }

  /** How a match is looked up for an entity: probed per row, or as the set of matching entities. */
  private interface Lookup {
    String condition(TextMatch match, String id, List<Object> parameters);
  }

  /** A field with several values (tags) sorts by its least one, once. */
  private static final String LEAST_VALUE = "NOT EXISTS (SELECT 1 FROM search d WHERE d.entity = o.entity AND d.key = o.key AND d.value < o.value)";

  /**
   * One walk per kind down that kind's rows of the sort field, in value order, merged: a kind's
   * rows of one key are one index range, while all kinds' rows together are not in order.
   */
  private String walksPerKind(List<String> walked, EntityQuery.Position position, boolean increasing, int limit, List<Object> parameters) {
    String direction = increasing ? "ASC" : "DESC";
    List<String> walks = new ArrayList<>();
    for (String kind : walked) {
      List<String> conditions = new ArrayList<>();
      conditions.add("o.kind = ?");
      parameters.add(kind);
      conditions.addAll(sortRowConditions(filter, position, increasing, parameters));
      walks.add("SELECT * FROM (SELECT o.value AS sort_value, o.entity AS sort_id FROM search o WHERE " + String.join(" AND ", conditions)
          + " ORDER BY o.value " + direction + ", o.entity " + direction + " LIMIT " + limit + ") walk" + walks.size());
    }
    return walks.isEmpty() ? null : String.join(" UNION ALL ", walks) + " ORDER BY sort_value " + direction + ", sort_id " + direction;
  }

  /** The sort rows of the entities the term matches, of every kind at once, sorted. */
  private String matchesBySortValue(EntityQuery.Position position, boolean increasing, List<Object> parameters) {
    return sortRows(filter, List.of(termIn("o", parameters, TextMatch::condition)), position, increasing, parameters);
  }

  /** The first {@code limit} sort rows of each alternative, joined and sorted: a page's rows are among them. */
  private String alternativesSorted(EntityQuery.Position position, boolean increasing, int limit, List<Object> parameters) {
    String direction = increasing ? "ASC" : "DESC";
    List<String> pages = new ArrayList<>();
    for (EntityFilter alternative : alternatives) {
      pages.add("SELECT * FROM (" + sortRows(alternative, List.of(), position, increasing, parameters) + " LIMIT " + limit + ") alternative"
          + pages.size());
    }
    // UNION, not UNION ALL: an entity two alternatives select is one row.
    return String.join(" UNION ", pages) + " ORDER BY sort_value " + direction + ", sort_id " + direction;
  }

  /**
   * The sort rows of the entities that meet {@code first} and the filter, of every kind at once,
   * sorted, as one statement: PostgreSQL then reads a relation's few entities and sorts them, or
   * walks the sort key's index for a relation many entities have, whichever its estimates favour.
   */
  private String sortRows(EntityFilter selected, List<String> first, EntityQuery.Position position, boolean increasing, List<Object> parameters) {
    String direction = increasing ? "ASC" : "DESC";
    List<String> conditions = new ArrayList<>(first);
    conditions.addAll(sortRowConditions(selected, position, increasing, parameters));
    return "SELECT o.value AS sort_value, o.entity AS sort_id FROM search o WHERE " + String.join(" AND ", conditions)
        + " ORDER BY o.value " + direction + ", o.entity " + direction;
  }

  /** Search row {@code o} is the sort value of a matching entity, past {@code position}. */
  private List<String> sortRowConditions(EntityFilter selected, EntityQuery.Position position, boolean increasing, List<Object> parameters) {
    String op = increasing ? ">" : "<";
    List<String> conditions = new ArrayList<>();
    conditions.add("o.key = '" + sortField + "'");
    if (!SINGLE_VALUED_KEYS.contains(sortField)) {
      conditions.add(LEAST_VALUE);
    }
    addCondition(conditions, selected.condition("o.entity", "o.kind", parameters));
    if (position != null) {
      conditions.add("(o.value " + op + " ? OR (o.value = ? AND o.entity " + op + " ?))");
      parameters.add(position.value());
      parameters.add(position.value());
      parameters.add(id(position));
    }
    return conditions;
  }

  /**
   * The matching entities among the next {@code walkFirstRows} entities in id order (of the
   * filter's kinds, through the {@code (kind, id)} index), each probed for the term: an unordered
   * page of a common term, as a sorted one walks its sort key, instead of reading and sorting
   * every match.
   */
  private String matchesInIdWindow(EntityQuery.Position position, boolean increasing, List<Object> parameters) {
    String direction = increasing ? "ASC" : "DESC";
    List<String> window = new ArrayList<>();
    if (kinds.isPresent()) {
      window.add("e.kind IN (" + InList.marks(kinds.get().size()) + ")");
      parameters.addAll(kinds.get());
    }
    if (position != null) {
      window.add("e.id " + (increasing ? ">" : "<") + " ?");
      parameters.add(id(position));
    }
    String rows = "SELECT e.id, e.kind FROM final_entities e" + (window.isEmpty() ? "" : " WHERE " + String.join(" AND ", window))
        + " ORDER BY e.id " + direction + " LIMIT " + walkFirstRows;
    List<String> conditions = new ArrayList<>();
    conditions.add(text.exists("e.id", parameters));
    addCondition(conditions, filter.condition("e.id", "e.kind", parameters));
    return "SELECT e.id AS sort_value, e.id AS sort_id FROM (" + rows + ") e WHERE " + String.join(" AND ", conditions)
        + " ORDER BY e.id " + direction;
  }

  private String byId(Segment segment, EntityQuery.Position position, boolean increasing, List<Object> parameters) {
    List<String> where = new ArrayList<>();
    addCondition(where, filter.condition("e.id", "e.kind", parameters));
    if (text != null) {
      where.add(text.condition("e.id", parameters));
    }
    if (segment == Segment.MISSING) {
      where.add("NOT EXISTS (SELECT 1 FROM search d WHERE d.entity = e.id AND d.key = '" + sortField + "')");
    }
    if (position != null) {
      where.add("e.id " + (increasing ? ">" : "<") + " ?");
      parameters.add(id(position));
    }
    return "SELECT " + (segment == Segment.ALL ? "e.id" : "NULL") + " AS sort_value, e.id AS sort_id FROM final_entities e"
        + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where)) + " ORDER BY e.id " + (increasing ? "ASC" : "DESC");
  }

  /** How many entities match. */
  Statement count() {
    List<Object> parameters = new ArrayList<>();
    if (text != null) {
      // The term's rows carry their entity's kind, so the filter is checked on them; an entity
      // may match in several fields, or several values of one.
      String rows = text.rows(parameters);
      String where = filter.condition("t.entity", "t.kind", parameters);
      return new Statement("SELECT COUNT(DISTINCT t.entity) FROM search t WHERE " + rows + (where == null ? "" : " AND " + where), parameters);
    }
    Optional<Anchor> anchor = Anchor.of(filter);
    if (anchor.isPresent()) {
      // The anchor's rows are one index range; each holds a value at most once per entity.
      String counted = anchor.get().values().size() == 1 ? "COUNT(*)" : "COUNT(DISTINCT a.entity)";
      return new Statement("SELECT " + counted + " FROM search a WHERE " + anchor.get().condition(parameters), parameters);
    }
    if (!alternatives.isEmpty()) {
      List<String> selects = new ArrayList<>();
      for (EntityFilter alternative : alternatives) {
        selects.add("SELECT e.id FROM final_entities e WHERE " + alternative.condition("e.id", "e.kind", parameters));
      }
      return new Statement("SELECT COUNT(*) FROM (" + String.join(" UNION ", selects) + ") alternatives", parameters);
    }
    String where = filter.condition("e.id", "e.kind", parameters);
    return new Statement("SELECT COUNT(*) FROM final_entities e" + (where == null ? "" : " WHERE " + where), parameters);
  }

  /**
   * A filter whose matches are among one key's search rows of given kinds and values, as the
   * UI's queries are ({@code kind} plus another key with values): the rows of {@code key} with
   * one of {@code values}, among {@code kinds}; {@code rest} must hold too.
   */
  record Anchor(List<String> kinds, String key, List<String> values, EntityFilter rest) {
    static Optional<Anchor> of(EntityFilter filter) {
      List<Node> nodes = filter.topLevel();
      Optional<Field> kinds = nodes.stream()
          .flatMap(n -> n instanceof Field f && f.namesKinds() ? java.util.stream.Stream.of(f) : java.util.stream.Stream.empty())
          .findFirst();
      Optional<Field> term = nodes.stream()
          // "=true" may also match an array item (metadata.tags.java=true): not one key's rows.
          .flatMap(n -> n instanceof Field f && !f.key().equals("kind") && !f.key().startsWith("relations.") && !f.values().isEmpty()
              && !f.mayBeArrayItem() ? java.util.stream.Stream.of(f) : java.util.stream.Stream.empty())
          .findFirst();
      if (kinds.isEmpty() || term.isEmpty()) {
        return Optional.empty();
      }
      List<Node> rest = new ArrayList<>(nodes);
      rest.remove(kinds.get());
      rest.remove(term.get());
      return Optional.of(new Anchor(kinds.get().values(), term.get().key(), term.get().values(), EntityFilter.allOf(rest)));
    }

    /** Conditions on the anchor row {@code a} (its key, kind and value) and the rest. */
    String condition(List<Object> parameters) {
      StringBuilder sql = new StringBuilder("a.key = ? AND a.kind IN (" + InList.marks(kinds.size()) + ") AND a.value IN ("
          + InList.marks(values.size()) + ")");
      parameters.add(key);
      parameters.addAll(kinds);
      parameters.addAll(values);
      String others = rest.condition("a.entity", "a.kind", parameters);
      return others == null ? sql.toString() : sql.append(" AND ").append(others).toString();
    }
  }

  private static void addCondition(List<String> where, String condition) {
    if (condition != null) {
      where.add(condition);
    }
  }

  /** Field names become SQL literals: only the characters a field path can hold are let through. */
  static String checkedField(String field) {
    String lower = field.toLowerCase(Locale.ROOT);
    if (!lower.matches("[a-z0-9_./:@+#-]{1,250}")) {
      throw HttpError.inputError("Invalid field '" + field + "'");
    }
    return lower;
  }

  private static long id(EntityQuery.Position position) {
    try {
      return Long.parseLong(position.id());
    } catch (NumberFormatException e) {
      throw HttpError.inputError("Malformed cursor: not a by-query cursor");
    }
  }
}
