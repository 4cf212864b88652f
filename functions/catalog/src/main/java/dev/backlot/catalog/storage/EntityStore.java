package dev.backlot.catalog.storage;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.catalog.model.EntityEtag;
import dev.backlot.catalog.model.EntityRef;
import dev.backlot.catalog.model.EntityRelations;
import dev.backlot.catalog.model.Relation;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The catalog's stored entities. Entities are written per origin location in one transaction:
 * changed ones are rewritten (uid kept, etag renewed), unchanged ones are left alone, and those
 * the location no longer emits are removed, unless the location could only be read in part.
 */
public final class EntityStore {
  private static final int CHUNK = 500;

  private final Database database;

  public EntityStore(Database database) {
    this.database = database;
  }

  /** What a write did, and what it refused (an entity another location already owns). */
  public record Applied(int written, int unchanged, int removed, List<String> conflicts) {}

  public Applied replace(String originKey, List<ObjectNode> entities, boolean complete) {
    try (Connection connection = database.connection()) {
      connection.setAutoCommit(false);
      try {
        Applied applied = replace(connection, originKey, entities, complete);
        connection.commit();
        return applied;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot store entities of " + originKey + ": " + e.getMessage(), e);
    }
  }

  private Applied replace(Connection connection, String originKey, List<ObjectNode> entities, boolean complete) throws SQLException {
    int unchanged = 0;
    List<String> conflicts = new ArrayList<>();
    Set<String> emitted = new HashSet<>();
    Map<String, Existing> existing = existing(connection, entities);
    List<Write> writes = new ArrayList<>();
    for (ObjectNode entity : entities) {
      String ref = EntityRef.of(entity).toString();
      if (!emitted.add(ref)) {
        conflicts.add(ref + " is emitted twice by " + originKey);
        continue;
      }
      Existing current = existing.get(ref);
      if (current != null && !originKey.equals(current.locationKey)) {
        conflicts.add(ref + " is already managed by " + current.locationKey + "; " + originKey + " may not replace it");
        continue;
      }
      String id = current != null ? current.uid : UUID.randomUUID().toString();
      ObjectNode metadata = (ObjectNode) entity.get("metadata");
      metadata.remove(List.of("uid", "etag"));
      String etag = EntityEtag.of(entity);
      if (current != null && etag.equals(current.etag)) {
        unchanged++;
        continue;
      }
      metadata.put("uid", id);
      metadata.put("etag", etag);
      writes.add(new Write(id, ref, entity, etag, current == null ? null : current.id));
    }
    write(connection, writes, originKey, System.currentTimeMillis());
    int removed = 0;
    if (complete) {
      for (Map.Entry<String, String> gone : ownedBy(connection, originKey).entrySet()) {
        if (!emitted.contains(gone.getValue())) {
          delete(connection, gone.getKey());
          removed++;
        }
      }
    }
    return new Applied(writes.size(), unchanged, removed, List.copyOf(conflicts));
  }

  /** An entity to store: {@code internalId} is null for a new one, whose id the database assigns. */
  private record Write(String uid, String ref, ObjectNode entity, String etag, Long internalId) {
    boolean update() {
      return internalId != null;
    }

    String kind() {
      return ref.substring(0, ref.indexOf(':'));
    }
  }

  private record Existing(long id, String uid, String etag, String locationKey) {}

  /** The stored rows of the given entities, looked up 500 refs at a time. */
  private static Map<String, Existing> existing(Connection connection, List<ObjectNode> entities) throws SQLException {
    List<String> refs = entities.stream().map(e -> EntityRef.of(e).toString()).distinct().toList();
    Map<String, Existing> found = new HashMap<>();
    for (int start = 0; start < refs.size(); start += CHUNK) {
      List<String> chunk = refs.subList(start, Math.min(refs.size(), start + CHUNK));
      try (PreparedStatement select = connection.prepareStatement(
          "SELECT entity_ref, id, entity_id, etag, location_key FROM final_entities WHERE entity_ref IN ("
              + EntityFilter.marks(chunk.size()) + ")")) {
        for (int i = 0; i < chunk.size(); i++) {
          select.setString(i + 1, chunk.get(i));
        }
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            found.put(rows.getString(1), new Existing(rows.getLong(2), rows.getString(3), rows.getString(4), rows.getString(5)));
          }
        }
      }
    }
    return found;
  }

  private static Map<String, String> ownedBy(Connection connection, String originKey) throws SQLException {
    Map<String, String> owned = new HashMap<>();
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT entity_id, entity_ref FROM final_entities WHERE location_key = ?")) {
      select.setString(1, originKey);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          owned.put(rows.getString(1), rows.getString(2));
        }
      }
    }
    return owned;
  }

  /**
   * Writes changed entities with their search and relation rows, in batches (one round trip
   * each): first the entities, then the ids the database gave the new ones, then their rows.
   */
  private static void write(Connection connection, List<Write> writes, String originKey, long now) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(
            "INSERT INTO final_entities (final_entity, etag, location_key, updated_at, entity_id, entity_ref, kind) VALUES (?, ?, ?, ?, ?, ?, ?)");
        PreparedStatement update = connection.prepareStatement(
            "UPDATE final_entities SET final_entity = ?, etag = ?, location_key = ?, updated_at = ? WHERE entity_id = ?");
        PreparedStatement clearSearch = connection.prepareStatement("DELETE FROM search WHERE entity = ?");
        PreparedStatement clearRelations = connection.prepareStatement("DELETE FROM relations WHERE originating_entity_id = ?");
        PreparedStatement search = connection.prepareStatement(
            "INSERT INTO search (entity, kind, key, value, original_value) VALUES (?, ?, ?, ?, ?)");
        PreparedStatement relations = connection.prepareStatement(
            "INSERT INTO relations (originating_entity_id, source_entity_ref, type, target_entity_ref) VALUES (?, ?, ?, ?)")) {
      for (int start = 0; start < writes.size(); start += CHUNK) {
        List<Write> chunk = writes.subList(start, Math.min(writes.size(), start + CHUNK));
        for (Write write : chunk) {
          PreparedStatement row = write.update() ? update : insert;
          row.setString(1, new String(Json.bytes(write.entity()), java.nio.charset.StandardCharsets.UTF_8));
          row.setString(2, write.etag());
          row.setString(3, originKey);
          row.setLong(4, now);
          row.setString(5, write.uid());
          if (!write.update()) {
            row.setString(6, write.ref());
            row.setString(7, write.kind());
          } else {
            clearSearch.setLong(1, write.internalId());
            clearSearch.addBatch();
            clearRelations.setString(1, write.uid());
            clearRelations.addBatch();
          }
          row.addBatch();
        }
        for (PreparedStatement batch : List.of(insert, update, clearSearch, clearRelations)) {
          batch.executeBatch();
        }
        Map<String, Long> ids = internalIds(connection, chunk);
        for (Write write : chunk) {
          long id = write.update() ? write.internalId() : ids.get(write.uid());
          for (SearchRows.Row value : SearchRows.of(write.entity())) {
            search.setLong(1, id);
            search.setString(2, write.kind());
            search.setString(3, value.key());
            search.setString(4, value.value());
            search.setString(5, value.originalValue());
            search.addBatch();
          }
          for (Relation relation : EntityRelations.of(write.entity())) {
            relations.setString(1, write.uid());
            relations.setString(2, relation.sourceRef());
            relations.setString(3, relation.type());
            relations.setString(4, relation.targetRef());
            relations.addBatch();
          }
        }
        search.executeBatch();
        relations.executeBatch();
      }
    }
  }

  /** The ids the database assigned to the new entities among {@code writes}, by uid. */
  private static Map<String, Long> internalIds(Connection connection, List<Write> writes) throws SQLException {
    List<String> uids = writes.stream().filter(w -> !w.update()).map(Write::uid).toList();
    Map<String, Long> ids = new HashMap<>();
    if (uids.isEmpty()) {
      return ids;
    }
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT entity_id, id FROM final_entities WHERE entity_id IN (" + EntityFilter.marks(uids.size()) + ")")) {
      for (int i = 0; i < uids.size(); i++) {
        select.setString(i + 1, uids.get(i));
      }
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          ids.put(rows.getString(1), rows.getLong(2));
        }
      }
    }
    return ids;
  }

  private static void delete(Connection connection, String uid) throws SQLException {
    for (String sql : List.of(
        "DELETE FROM search WHERE entity = (SELECT id FROM final_entities WHERE entity_id = ?)",
        "DELETE FROM relations WHERE originating_entity_id = ?",
        "DELETE FROM final_entities WHERE entity_id = ?")) {
      try (PreparedStatement delete = connection.prepareStatement(sql)) {
        delete.setString(1, uid);
        delete.executeUpdate();
      }
    }
  }

  /**
   * Backstage's facets: for each requested field, how many matching entities hold each value
   * (as written), ordered by value. Relation facets ({@code relations.ownedBy}) count targets.
   */
  public Map<String, List<Map<String, Object>>> facets(List<String> fields, EntityFilter filter) {
    Map<String, List<Map<String, Object>>> facets = new java.util.LinkedHashMap<>();
    for (String field : fields) {
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
      facets.put(field, counts);
    }
    return facets;
  }

  /** Entities matching {@code filter}, ordered by entity ref, with their relations. */
  public List<ObjectNode> list(EntityFilter filter, int limit, int offset) {
    return list(filter, new EntityOrder(List.of()), limit, offset);
  }

  /** Entities matching {@code filter} in {@code order}, with their relations. */
  public List<ObjectNode> list(EntityFilter filter, EntityOrder order, int limit, int offset) {
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
        if (existingId(connection, uid)) {
          delete(connection, uid);
          connection.commit();
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

  private static boolean existingId(Connection connection, String uid) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM final_entities WHERE entity_id = ?")) {
      select.setString(1, uid);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next();
      }
    }
  }

  public Optional<ObjectNode> byRef(String ref) {
    return query("SELECT e.final_entity, e.entity_ref FROM final_entities e WHERE e.entity_ref = ?", List.of(ref)).stream().findFirst();
  }

  public Optional<ObjectNode> byUid(String uid) {
    return query("SELECT e.final_entity, e.entity_ref FROM final_entities e WHERE e.entity_id = ?", List.of(uid)).stream().findFirst();
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
      return found;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read entities: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
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

  /** An entity's relations are the rows whose source it is, whichever entity emitted them. */
  private static void attachRelations(Connection connection, Map<String, ObjectNode> byRef) throws SQLException {
    if (byRef.isEmpty()) {
      return;
    }
    List<String> refs = new ArrayList<>(byRef.keySet());
    for (int start = 0; start < refs.size(); start += 500) {
      List<String> chunk = refs.subList(start, Math.min(refs.size(), start + 500));
      String sql = "SELECT DISTINCT source_entity_ref, type, target_entity_ref FROM relations WHERE source_entity_ref IN ("
          + "?,".repeat(chunk.size() - 1) + "?) ORDER BY source_entity_ref, type, target_entity_ref";
      try (PreparedStatement select = connection.prepareStatement(sql)) {
        for (int i = 0; i < chunk.size(); i++) {
          select.setString(i + 1, chunk.get(i));
        }
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            ArrayNode relations = (ArrayNode) byRef.get(rows.getString(1)).get("relations");
            relations.addObject().put("type", rows.getString(2)).put("targetRef", rows.getString(3));
          }
        }
      }
    }
  }

}
