package dev.backlot.catalog.storage;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.catalog.model.EntityEtag;
import dev.backlot.catalog.model.EntityRef;
import dev.backlot.platform.db.Database;
import dev.backlot.platform.http.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The catalog's stored entities: written per origin location through a {@link Replacement},
 * read by ref, uid, filter and order, counted into facets.
 */
public final class EntityStore {
  private final Database database;
  private final Consumer<Set<String>> changes;

  public EntityStore(Database database) {
    this(database, refs -> {});
  }

  /** {@code changes} hears the refs of the entities each committed write added, changed or removed (search indexes them). */
  public EntityStore(Database database, Consumer<Set<String>> changes) {
    this.database = database;
    this.changes = changes;
  }

  /**
   * What a write did ({@code written} counts the {@code added} and the rewritten), and what it
   * refused (an entity another location or provider already owns).
   */
  public record Applied(int written, int added, int unchanged, int removed, int orphaned, List<String> conflicts) {}

  /**
   * Starts replacing what {@code originKey} put in the catalog; entities follow in batches.
   * Entities it no longer emits are deleted, or kept and marked as orphans.
   */
  public Replacement replacing(String originKey, boolean keepOrphans) {
    return new Replacement(database, originKey, null, keepOrphans, changes);
  }

  /**
   * Starts a mutation of what entity provider {@code provider} put in the catalog; its entities
   * are owned through the key each comes with, {@code defaultKey} when it brings none.
   */
  public Replacement providing(String provider, String defaultKey) {
    return new Replacement(database, defaultKey, provider, false, changes);
  }

  /** Replaces what {@code originKey} put in the catalog with {@code entities}, in one go, deleting what it no longer holds. */
  public Applied replace(String originKey, List<ObjectNode> entities, boolean complete) {
    try (Replacement replacement = replacing(originKey, false)) {
      replacement.add(null, entities);
      return replacement.finish(complete, Set.of(), List.of(), null);
    }
  }

  /**
   * Backstage's facets: for each requested field, how many matching entities hold each value
   * (as written), ordered by value. Relation facets ({@code relations.ownedBy}) count targets.
   */
  public Map<String, List<Map<String, Object>>> facets(List<String> fields, EntityFilter filter) {
    List<java.util.function.Supplier<List<Map<String, Object>>>> counts = fields.stream()
        .<java.util.function.Supplier<List<Map<String, Object>>>>map(field -> () -> facet(field, filter)).toList();
    List<List<Map<String, Object>>> results = Parallel.all(counts);
    Map<String, List<Map<String, Object>>> facets = new java.util.LinkedHashMap<>();
    for (int i = 0; i < fields.size(); i++) {
      facets.put(fields.get(i), results.get(i));
    }
    return facets;
  }

  private List<Map<String, Object>> facet(String field, EntityFilter filter) {
    List<Object> parameters = new ArrayList<>();
    String key = field.toLowerCase(java.util.Locale.ROOT);
    String sql;
    if (key.startsWith("relations.")) {
      parameters.add(key.substring("relations.".length()));
      String where = filter.condition("e.id", "e.kind", parameters);
      sql = "SELECT r.target_entity_ref, COUNT(DISTINCT e.id) FROM final_entities e"
          + " JOIN relations r ON r.source_entity_ref = e.entity_ref AND LOWER(r.type) = ?"
          + (where == null ? "" : " WHERE " + where) + " GROUP BY r.target_entity_ref ORDER BY r.target_entity_ref";
    } else {
      // One row per entity and value, so rows count entities; a kind's rows are one index range.
      parameters.add(key);
      String where = filter.condition("a.entity", "a.kind", parameters);
      sql = "SELECT a.original_value, COUNT(*) FROM search a WHERE a.key = ?"
          + (where == null ? "" : " AND " + where) + " GROUP BY a.original_value ORDER BY a.original_value";
    }
    List<Map<String, Object>> counts = new ArrayList<>();
    try (Connection connection = database.connection(); PreparedStatement select = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.size(); i++) {
        select.setObject(i + 1, parameters.get(i));
      }
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          counts.add(Map.of("value", rows.getString(1), "count", rows.getLong(2)));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot count facet " + field + ": " + e.getMessage(), e);
    }
    return counts;
  }

  /** Entities matching {@code filter}, ordered by entity ref, with their relations. */
  public List<ObjectNode> list(EntityFilter filter, int limit, int offset) {
    return list(filter, new EntityOrder(List.of()), limit, offset);
  }

  /** Entities matching {@code filter} in {@code order}, with their relations. */
  public List<ObjectNode> list(EntityFilter filter, EntityOrder order, int limit, int offset) {
    if (order.fields().isEmpty()) {
      QueryPlan.Statement statement = RefOrderedList.of(filter, limit, offset);
      return query(statement.sql(), statement.parameters());
    }
    List<Object> parameters = new ArrayList<>();
    String where = filter.condition("e.id", "e.kind", parameters);
    String sql = "SELECT e.final_entity, e.entity_ref FROM final_entities e"
        + (where == null ? "" : " WHERE " + where) + " ORDER BY " + order.sql(parameters) + " LIMIT ? OFFSET ?";
    parameters.add(limit);
    parameters.add(offset);
    return query(sql, parameters);
  }

  /** Deletes the entity with {@code uid}; false when there is none. Its location may emit it again. */
  public boolean deleteByUid(String uid) {
    try (Connection connection = database.connection()) {
      connection.setAutoCommit(false);
      try {
        Optional<String> ref = storedRef(connection, uid);
        if (ref.isPresent()) {
          Replacement.delete(connection, uid);
          CatalogGeneration.move(connection);
          connection.commit();
          changes.accept(Set.of(ref.get()));
          return true;
        }
        connection.rollback();
        return false;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot delete entity " + uid + ": " + e.getMessage(), e);
    }
  }

  private static Optional<String> storedRef(Connection connection, String uid) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement("SELECT entity_ref FROM final_entities WHERE entity_id = ?")) {
      select.setString(1, uid);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
      }
    }
  }

  public Optional<ObjectNode> byRef(String ref) {
    return byRef(ref, EntityFilter.ALL);
  }

  /** The entity {@code ref} names, if {@code filter} selects it. */
  public Optional<ObjectNode> byRef(String ref, EntityFilter filter) {
    return one("e.entity_ref = ?", ref, filter);
  }

  private Optional<ObjectNode> one(String condition, String value, EntityFilter filter) {
    List<Object> parameters = new ArrayList<>(List.of(value));
    String where = filter.condition("e.id", "e.kind", parameters);
    return query("SELECT e.final_entity, e.entity_ref FROM final_entities e WHERE " + condition + (where == null ? "" : " AND " + where),
        parameters).stream().findFirst();
  }

  /** Every kind in the catalog, lower-cased, found by skipping through the kind index (a few probes). */
  List<String> kinds() {
    List<String> kinds = new ArrayList<>();
    try (Connection connection = database.connection();
        PreparedStatement select = connection.prepareStatement("WITH RECURSIVE k(kind) AS (SELECT MIN(kind) FROM final_entities"
            + " UNION ALL SELECT (SELECT MIN(f.kind) FROM final_entities f WHERE f.kind > k.kind) FROM k WHERE k.kind IS NOT NULL)"
            + " SELECT kind FROM k WHERE kind IS NOT NULL");
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        kinds.add(rows.getString(1));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot list kinds: " + e.getMessage(), e);
    }
    return kinds;
  }

  /** The ref of the entity whose processing emitted {@code ref}; empty for a root or unknown entity. */
  public Optional<String> parentOf(String ref) {
    return column("parent_ref", ref);
  }

  /** The key of the location that put {@code ref} in the catalog. */
  public Optional<String> originOf(String ref) {
    return column("location_key", ref);
  }

  private Optional<String> column(String column, String ref) {
    try (Connection connection = database.connection();
        PreparedStatement select = connection.prepareStatement("SELECT " + column + " FROM final_entities WHERE entity_ref = ?")) {
      select.setString(1, ref);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? Optional.ofNullable(rows.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read " + column + " of " + ref + ": " + e.getMessage(), e);
    }
  }

  /** The entities with these refs that match {@code filter}, by ref, looked up 500 at a time. */
  public Map<String, ObjectNode> byRefs(List<String> refs, EntityFilter filter) {
    Map<String, ObjectNode> found = new HashMap<>();
    List<String> distinct = refs.stream().distinct().toList();
    for (int start = 0; start < distinct.size(); start += 500) {
      List<String> chunk = distinct.subList(start, Math.min(distinct.size(), start + 500));
      List<Object> parameters = new ArrayList<>(chunk);
      String where = filter.condition("e.id", "e.kind", parameters);
      for (Row row : rows("SELECT e.final_entity, e.entity_ref FROM final_entities e WHERE e.entity_ref IN (" + InList.marks(chunk.size()) + ")"
          + (where == null ? "" : " AND " + where), parameters)) {
        found.put(EntityRef.of(row.entity()).toString(), row.entity());
      }
    }
    return found;
  }

  public Optional<ObjectNode> byUid(String uid) {
    return byUid(uid, EntityFilter.ALL);
  }

  /** The entity with {@code uid}, if {@code filter} selects it. */
  public Optional<ObjectNode> byUid(String uid, EntityFilter filter) {
    return one("e.entity_id = ?", uid, filter);
  }

  private List<ObjectNode> query(String sql, List<Object> parameters) {
    return rows(sql, parameters).stream().map(Row::entity).toList();
  }

  /** An entity read with the extra columns a query selected after entity and ref. */
  record Row(ObjectNode entity, List<String> extra) {}

  /** Runs a SELECT of (final_entity, entity_ref, extra…) and attaches relations. */
  List<Row> rows(String sql, List<Object> parameters) {
    try (Connection connection = database.connection(); PreparedStatement select = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.size(); i++) {
        select.setObject(i + 1, parameters.get(i));
      }
      List<Row> found = new ArrayList<>();
      Map<String, ObjectNode> byRef = new HashMap<>();
      try (ResultSet rows = select.executeQuery()) {
        int columns = rows.getMetaData().getColumnCount();
        while (rows.next()) {
          ObjectNode entity = (ObjectNode) Json.MAPPER.readTree(rows.getString(1));
          entity.putArray("relations");
          List<String> extra = new ArrayList<>();
          for (int c = 3; c <= columns; c++) {
            extra.add(rows.getString(c));
          }
          found.add(new Row(entity, extra));
          byRef.put(rows.getString(2), entity);
        }
      }
      attachRelations(connection, byRef);
      attachErrors(connection, byRef);
      byRef.values().forEach(EntityStore::attachServedEtag);
      return found;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read entities: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The catalog's generation now ({@link CatalogGeneration}). */
  long generation() {
    try (Connection connection = database.connection()) {
      return CatalogGeneration.read(connection);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the catalog's generation: " + e.getMessage(), e);
    }
  }

  long count(String sql, List<Object> parameters) {
    try (Connection connection = database.connection(); PreparedStatement select = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.size(); i++) {
        select.setObject(i + 1, parameters.get(i));
      }
      try (ResultSet rows = select.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot count entities: " + e.getMessage(), e);
    }
  }

  /**
   * Errors of the last refresh, as Backstage shows them: {@code status.items} of type
   * {@code backstage.io/catalog-processing}; the entity itself is the last good version.
   */
  private static void attachErrors(Connection connection, Map<String, ObjectNode> byRef) throws SQLException {
    InList.query(connection, "SELECT entity_ref, message FROM processing_errors WHERE entity_ref IN (%s)", List.copyOf(byRef.keySet()), row -> {
      ObjectNode entity = byRef.get(row.getString(1));
      ObjectNode status = entity.get("status") instanceof ObjectNode existing ? existing : entity.putObject("status");
      ArrayNode items = status.get("items") instanceof ArrayNode existing ? existing : status.putArray("items");
      ObjectNode item = items.addObject()
          .put("type", "backstage.io/catalog-processing")
          .put("level", "error")
          .put("message", row.getString(2));
      item.putObject("error").put("name", "InputError").put("message", row.getString(2));
    });
  }

  private static void attachServedEtag(ObjectNode entity) {
    if (entity.get("metadata") instanceof ObjectNode metadata && metadata.path("etag").isTextual()) {
      metadata.put("etag", EntityEtag.served(metadata.get("etag").asText(), entity.get("relations"), entity.get("status")));
    }
  }

  /** An entity's relations are the rows whose source it is, whichever entity emitted them. */
  private static void attachRelations(Connection connection, Map<String, ObjectNode> byRef) throws SQLException {
    InList.query(connection, "SELECT DISTINCT source_entity_ref, type, target_entity_ref FROM relations WHERE source_entity_ref IN (%s)"
        + " ORDER BY source_entity_ref, type, target_entity_ref", List.copyOf(byRef.keySet()), row ->
        ((ArrayNode) byRef.get(row.getString(1)).get("relations")).addObject().put("type", row.getString(2)).put("targetRef", row.getString(3)));
  }
}
