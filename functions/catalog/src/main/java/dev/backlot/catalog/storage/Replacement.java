package dev.backlot.catalog.storage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.catalog.model.EntityEtag;
import dev.backlot.catalog.model.EntityRef;
import dev.backlot.catalog.model.EntityRelations;
import dev.backlot.catalog.model.ProcessingError;
import dev.backlot.catalog.model.Relation;
import dev.backlot.platform.db.Database;
import dev.backlot.platform.db.Dialect;
import dev.backlot.platform.http.Json;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Replaces what one origin location (or one entity provider) put in the catalog, in one
 * transaction: entities arrive in batches and are written 500 at a time; changed ones are
 * rewritten (uid kept, etag renewed), unchanged ones are left alone, and on {@link #finish} those
 * the origin no longer emits are removed, unless it could only be read in part. Closing without
 * finishing rolls back.
 *
 * <p>An entity belongs to the writer whose key is its {@code location_key} (Backstage's
 * locationKey rule): another key may not replace it. A location's entities all carry its key; a
 * provider's carry the key it gives each one, and the provider's name marks which are its own.
 */
public final class Replacement implements AutoCloseable {
  private static final int CHUNK = 500;

  static final String ORPHAN = "backstage.io/orphan";

  private final String originKey;
  /** The entity provider writing, or null for a location. */
  private final String provider;
  private final boolean keepOrphans;
  private final Dialect dialect;
  private final Database database;
  /** Opened at the first statement: a location's files are read before it holds a pooled connection. */
  private Connection connection;
  private final Set<String> emitted = new HashSet<>();
  private final List<String> conflicts = new ArrayList<>();
  private final List<Pending> pending = new ArrayList<>();
  /** The refs this replacement added, changed or removed, told to {@link #changes} once committed. */
  private final Set<String> changed = new HashSet<>();
  private final java.util.function.Consumer<Set<String>> changes;
  private int written;
  private int added;
  private int unchanged;
  private int removed;
  private boolean finished;

  Replacement(Database database, String originKey, String provider, boolean keepOrphans, java.util.function.Consumer<Set<String>> changes) {
    this.changes = changes;
    this.originKey = originKey;
    this.provider = provider;
    this.keepOrphans = keepOrphans;
    this.dialect = database.dialect();
    this.database = database;
  }

  private Connection connection() throws SQLException {
    if (connection == null) {
      connection = database.connection();
      connection.setAutoCommit(false);
    }
    return connection;
  }

  /**
   * Whether {@code lease} is still held; on PostgreSQL its row stays locked until this
   * replacement commits or rolls back (see {@link RefreshLeases#lockIfHeld}).
   */
  public boolean holds(RefreshLeases.Lease lease) {
    try {
      return RefreshLeases.lockIfHeld(connection(), dialect, lease);
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  /** Adds entities that {@code parentRef}'s processing emitted (null for a location's own entity). */
  public void add(String parentRef, List<ObjectNode> entities) {
    entities.forEach(entity -> pending.add(new Pending(parentRef, entity, originKey)));
    if (pending.size() >= CHUNK) {
      flush();
    }
  }

  /** Adds an entity a provider emits, owned through {@code locationKey}. */
  public void provide(ObjectNode entity, String locationKey) {
    pending.add(new Pending(null, entity, locationKey));
    if (pending.size() >= CHUNK) {
      flush();
    }
  }

  /** Deletes the entities with these refs that belong to this origin (others are left alone); how many went. */
  public int remove(java.util.Collection<String> refs) {
    flush();
    try {
      List<String> uids = new ArrayList<>();
      InList.query(connection(), "SELECT entity_id, provider, location_key, entity_ref FROM final_entities WHERE entity_ref IN (%s)", List.copyOf(refs), row -> {
        if (owns(row.getString(2), row.getString(3))) {
          uids.add(row.getString(1));
          changed.add(row.getString(4));
        }
      });
      for (String uid : uids) {
        delete(connection(), uid);
      }
      removed += uids.size();
      return uids.size();
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  /**
   * Writes what is pending, removes what was not emitted when {@code complete} (keeping the
   * {@code retained} refs: declared, but failed processing; or, keeping orphans, marking them
   * with the {@code backstage.io/orphan} annotation as Backstage does), records this refresh's errors in
   * place of the last one's, and commits. Errors about an entity that is not stored are shown
   * on {@code fallbackRef}, the location's own entity.
   */
  public EntityStore.Applied finish(boolean complete, Set<String> retained, List<ProcessingError> errors, String fallbackRef) {
    flush();
    emitted.addAll(retained);
    try {
      Map<String, String> stored = stored();
      int orphaned = 0;
      if (complete) {
        for (Map.Entry<String, String> entity : stored.entrySet()) {
          if (emitted.contains(entity.getKey())) {
            continue;
          }
          if (!keepOrphans) {
            delete(connection(), entity.getValue());
            changed.add(entity.getKey());
            removed++;
          } else if (markOrphan(entity.getValue())) {
            orphaned++;
          }
        }
      }
      replaceErrors(errors, stored.keySet(), fallbackRef);
      if (!changed.isEmpty() || orphaned > 0) {
        CatalogGeneration.move(connection());
      }
      connection().commit();
      finished = true;
      if (!changed.isEmpty()) {
        changes.accept(Set.copyOf(changed));
      }
      return new EntityStore.Applied(written, added, unchanged, removed, orphaned, List.copyOf(conflicts));
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  @Override
  public void close() {
    if (connection == null) {
      return;
    }
    try (Connection open = connection) {
      if (!finished) {
        connection.rollback();
      }
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  private void flush() {
    try {
      for (int start = 0; start < pending.size(); start += CHUNK) {
        write(pending.subList(start, Math.min(pending.size(), start + CHUNK)));
      }
      pending.clear();
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  private record Pending(String parentRef, ObjectNode entity, String locationKey) {}

  private void write(List<Pending> batch) throws SQLException {
    Map<String, Existing> existing = existing(batch.stream().map(Pending::entity).toList());
    List<Write> writes = new ArrayList<>();
    for (Pending next : batch) {
      ObjectNode entity = next.entity();
      String ref = EntityRef.of(entity).toString();
      if (!emitted.add(ref)) {
        conflicts.add(ref + " is emitted twice by " + originKey);
        continue;
      }
      Existing current = existing.get(ref);
      if (current != null && !next.locationKey().equals(current.locationKey)) {
        conflicts.add(ref + " is already managed by " + current.locationKey + "; " + next.locationKey() + " may not replace it");
        continue;
      }
      String uid = current != null ? current.uid : UUID.randomUUID().toString();
      ObjectNode metadata = (ObjectNode) entity.get("metadata");
      metadata.remove(List.of("uid", "etag"));
      String etag = EntityEtag.of(entity);
      if (current != null && etag.equals(current.etag) && java.util.Objects.equals(next.parentRef(), current.parentRef)
          && java.util.Objects.equals(provider, current.provider)) {
        unchanged++;
        continue;
      }
      metadata.put("uid", uid);
      metadata.put("etag", etag);
      writes.add(new Write(uid, ref, next.parentRef(), entity, etag, current == null ? null : current.id, next.locationKey()));
    }
    List<Write> stored = write(writes, System.currentTimeMillis());
    stored.forEach(write -> changed.add(write.ref()));
    written += stored.size();
    added += (int) stored.stream().filter(w -> !w.update()).count();
  }

  /** An entity to store: {@code internalId} is null for a new one, whose id the database assigns. */
  private record Write(String uid, String ref, String parentRef, ObjectNode entity, String etag, Long internalId, String locationKey) {
    boolean update() {
      return internalId != null;
    }

    String kind() {
      return ref.substring(0, ref.indexOf(':'));
    }
  }

  private record Existing(long id, String uid, String etag, String locationKey, String parentRef, String provider) {}

  /** The stored rows of the given entities, by ref. */
  private Map<String, Existing> existing(List<ObjectNode> entities) throws SQLException {
    List<String> refs = entities.stream().map(e -> EntityRef.of(e).toString()).distinct().toList();
    Map<String, Existing> found = new HashMap<>();
    InList.query(connection(), "SELECT entity_ref, id, entity_id, etag, location_key, parent_ref, provider FROM final_entities WHERE entity_ref IN (%s)", refs,
        row -> found.put(row.getString(1), new Existing(row.getLong(2), row.getString(3), row.getString(4), row.getString(5), row.getString(6),
            row.getString(7))));
    return found;
  }

  /**
   * Whether a row is this origin's: a provider's carry its name; a location's its key and no
   * provider (a provider may share a location's key, and the location must not delete those).
   */
  private boolean owns(String rowProvider, String rowLocationKey) {
    return provider != null ? provider.equals(rowProvider) : rowProvider == null && originKey.equals(rowLocationKey);
  }

  /** This origin's stored entities: uid by ref. */
  private Map<String, String> stored() throws SQLException {
    Map<String, String> stored = new HashMap<>();
    String owned = provider != null ? "provider = ?" : "provider IS NULL AND location_key = ?";
    try (PreparedStatement select = connection().prepareStatement("SELECT entity_ref, entity_id FROM final_entities WHERE " + owned)) {
      select.setString(1, provider != null ? provider : originKey);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          stored.put(rows.getString(1), rows.getString(2));
        }
      }
    }
    return stored;
  }

  private void replaceErrors(List<ProcessingError> errors, Set<String> storedRefs, String fallbackRef) throws SQLException {
    try (PreparedStatement clear = connection().prepareStatement("DELETE FROM processing_errors WHERE location_key = ?");
        PreparedStatement insert = connection().prepareStatement("INSERT INTO processing_errors (location_key, entity_ref, message) VALUES (?, ?, ?)")) {
      clear.setString(1, originKey);
      clear.executeUpdate();
      for (ProcessingError error : errors) {
        String ref = storedRefs.contains(error.entityRef()) || fallbackRef == null ? error.entityRef() : fallbackRef;
        insert.setString(1, originKey);
        insert.setString(2, ref);
        insert.setString(3, error.message());
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  /**
   * Writes changed entities with their search and relation rows, in batches (one round trip
   * each): first the entities, then the ids the database gave the new ones, then their rows.
   * Answers the writes that were stored: a new entity another origin stored first, after this
   * one looked (two locations refreshed at once emitting one ref), is left to it as a conflict.
   */
  private List<Write> write(List<Write> writes, long now) throws SQLException {
    if (writes.isEmpty()) {
      return writes;
    }
    try (PreparedStatement insert = connection().prepareStatement(
            "INSERT INTO final_entities (final_entity, etag, location_key, updated_at, parent_ref, provider, name_key, title_key, entity_id, entity_ref, kind)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (entity_ref) DO NOTHING");
        PreparedStatement update = connection().prepareStatement(
            "UPDATE final_entities SET final_entity = ?, etag = ?, location_key = ?, updated_at = ?, parent_ref = ?, provider = ?, name_key = ?,"
                + " title_key = ? WHERE entity_id = ?");
        PreparedStatement clearSearch = connection().prepareStatement("DELETE FROM search WHERE entity = ?");
        PreparedStatement clearRelations = connection().prepareStatement("DELETE FROM relations WHERE originating_entity_id = ?");
        BulkInsert search = BulkInsert.into(connection(), dialect, "search", List.of("entity", "kind", "key", "value", "original_value"));
        BulkInsert relations = BulkInsert.into(connection(), dialect, "relations",
            List.of("originating_entity_id", "source_entity_ref", "type", "target_entity_ref", "source_entity_id"))) {
      List<List<SearchRows.Row>> searchRows = new ArrayList<>();
      for (Write write : writes) {
        List<SearchRows.Row> values = SearchRows.of(write.entity());
        searchRows.add(values);
        PreparedStatement row = write.update() ? update : insert;
        row.setString(1, new String(Json.bytes(write.entity()), StandardCharsets.UTF_8));
        row.setString(2, write.etag());
        row.setString(3, write.locationKey());
        row.setLong(4, now);
        row.setString(5, write.parentRef());
        row.setString(6, provider);
        row.setString(7, SearchRows.least(values, "metadata.name"));
        row.setString(8, SearchRows.least(values, "metadata.title"));
        row.setString(9, write.uid());
        if (!write.update()) {
          row.setString(10, write.ref());
          row.setString(11, write.kind());
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
      Map<String, Long> ids = internalIds(writes);
      List<Write> stored = new ArrayList<>();
      List<Relation> emitted = new ArrayList<>();
      List<String> emitters = new ArrayList<>();
      for (int w = 0; w < writes.size(); w++) {
        Write write = writes.get(w);
        if (!write.update() && !ids.containsKey(write.uid())) {
          conflicts.add(write.ref() + " is already managed by " + owner(write.ref()) + "; " + write.locationKey() + " may not replace it");
          continue;
        }
        stored.add(write);
        long id = write.update() ? write.internalId() : ids.get(write.uid());
        for (SearchRows.Row value : searchRows.get(w)) {
          search.add(id, write.kind(), value.key(), value.value(), value.originalValue());
        }
        for (Relation relation : EntityRelations.of(write.entity())) {
          emitted.add(relation);
          emitters.add(write.uid());
        }
      }
      Map<String, Long> sources = sourceIds(emitted.stream().map(Relation::sourceRef).distinct().toList());
      for (int i = 0; i < emitted.size(); i++) {
        Relation relation = emitted.get(i);
        relations.add(emitters.get(i), relation.sourceRef(), relation.type(), relation.targetRef(), sources.get(relation.sourceRef()));
      }
      search.flush();
      relations.flush();
      linkRelationsTo(stored.stream().filter(w -> !w.update()).toList(), ids);
      return stored;
    }
  }

  /** The internal ids of the stored entities among {@code refs} (sources of relations), by ref. */
  private Map<String, Long> sourceIds(List<String> refs) throws SQLException {
    Map<String, Long> ids = new HashMap<>();
    InList.query(connection(), "SELECT entity_ref, id FROM final_entities WHERE entity_ref IN (%s)", refs,
        row -> ids.put(row.getString(1), row.getLong(2)));
    return ids;
  }

  /**
   * Relations other entities emitted earlier about the entities just stored (a Group's
   * {@code ownerOf} written before the Group itself) learn their source's id (migration V14).
   */
  private void linkRelationsTo(List<Write> added, Map<String, Long> ids) throws SQLException {
    if (added.isEmpty()) {
      return;
    }
    try (PreparedStatement link = connection().prepareStatement(
        "UPDATE relations SET source_entity_id = ? WHERE source_entity_ref = ? AND source_entity_id IS NULL")) {
      for (Write write : added) {
        link.setLong(1, ids.get(write.uid()));
        link.setString(2, write.ref());
        link.addBatch();
      }
      link.executeBatch();
    }
  }

  /** The location that holds {@code ref} now. */
  private String owner(String ref) throws SQLException {
    try (PreparedStatement select = connection().prepareStatement("SELECT location_key FROM final_entities WHERE entity_ref = ?")) {
      select.setString(1, ref);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? rows.getString(1) : "another location";
      }
    }
  }

  /** The ids the database assigned to the new entities among {@code writes}, by uid. */
  private Map<String, Long> internalIds(List<Write> writes) throws SQLException {
    List<String> uids = writes.stream().filter(w -> !w.update()).map(Write::uid).toList();
    Map<String, Long> ids = new HashMap<>();
    InList.query(connection(), "SELECT entity_id, id FROM final_entities WHERE entity_id IN (%s)", uids,
        row -> ids.put(row.getString(1), row.getLong(2)));
    return ids;
  }

  /**
   * Annotates an entity its location no longer emits, renewing its etag; false when it already
   * was an orphan. Emitted again, it is rewritten without the annotation.
   */
  private boolean markOrphan(String uid) throws SQLException {
    ObjectNode entity;
    long id;
    String kind;
    try (PreparedStatement select = connection().prepareStatement("SELECT final_entity, id, kind FROM final_entities WHERE entity_id = ?")) {
      select.setString(1, uid);
      try (ResultSet rows = select.executeQuery()) {
        rows.next();
        entity = (ObjectNode) Json.MAPPER.readTree(rows.getString(1));
        id = rows.getLong(2);
        kind = rows.getString(3);
      } catch (java.io.IOException e) {
        throw new SQLException("stored entity " + uid + " is not JSON", e);
      }
    }
    ObjectNode metadata = (ObjectNode) entity.get("metadata");
    ObjectNode annotations = metadata.get("annotations") instanceof ObjectNode existing ? existing : metadata.putObject("annotations");
    if ("true".equals(annotations.path(ORPHAN).asText(null))) {
      return false;
    }
    annotations.put(ORPHAN, "true");
    metadata.remove(List.of("uid", "etag"));
    String etag = EntityEtag.of(entity);
    metadata.put("uid", uid);
    metadata.put("etag", etag);
    try (PreparedStatement update = connection().prepareStatement("UPDATE final_entities SET final_entity = ?, etag = ?, orphan = 1 WHERE entity_id = ?");
        PreparedStatement search = connection().prepareStatement("INSERT INTO search (entity, kind, key, value, original_value) VALUES (?, ?, ?, 'true', 'true')")) {
      update.setString(1, new String(Json.bytes(entity), StandardCharsets.UTF_8));
      update.setString(2, etag);
      update.setString(3, uid);
      update.executeUpdate();
      search.setLong(1, id);
      search.setString(2, kind);
      search.setString(3, "metadata.annotations." + ORPHAN);
      search.executeUpdate();
    }
    return true;
  }

  /**
   * Deletes one stored entity with its search and relation rows; relations other entities emitted
   * about it stay, without its id (ids may be reused: SQLite gives a new row the largest id plus one).
   */
  static void delete(Connection connection, String uid) throws SQLException {
    for (String sql : List.of(
        "DELETE FROM search WHERE entity = (SELECT id FROM final_entities WHERE entity_id = ?)",
        "UPDATE relations SET source_entity_id = NULL WHERE source_entity_ref = (SELECT entity_ref FROM final_entities WHERE entity_id = ?)",
        "DELETE FROM relations WHERE originating_entity_id = ?",
        "DELETE FROM final_entities WHERE entity_id = ?")) {
      try (PreparedStatement delete = connection.prepareStatement(sql)) {
        delete.setString(1, uid);
        delete.executeUpdate();
      }
    }
  }

  private IllegalStateException failure(SQLException e) {
    return new IllegalStateException("cannot store entities of " + originKey + ": " + e.getMessage(), e);
  }
}
