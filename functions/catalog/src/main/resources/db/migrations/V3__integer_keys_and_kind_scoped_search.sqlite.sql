-- Search rows are rebuilt around an integer key and carry their entity's kind (see the
-- PostgreSQL variant for why). SQLite cannot add an identity column, so the table is copied.
-- Search rows are derived data: they are dropped and rebuilt by the next refresh, which
-- rewrites every entity because its etag is cleared (the etag it gets back is the same hash).
CREATE TABLE final_entities_v3 (
  id            INTEGER      PRIMARY KEY,
  entity_id     VARCHAR(36)  NOT NULL UNIQUE,
  entity_ref    VARCHAR(512) NOT NULL UNIQUE,
  kind          VARCHAR(64)  NOT NULL,
  final_entity  TEXT         NOT NULL,
  etag          VARCHAR(64)  NOT NULL,
  location_key  VARCHAR(2100),
  orphan        SMALLINT     NOT NULL DEFAULT 0,
  updated_at    BIGINT       NOT NULL
);
INSERT INTO final_entities_v3 (entity_id, entity_ref, kind, final_entity, etag, location_key, orphan, updated_at)
  SELECT entity_id, entity_ref, substr(entity_ref, 1, instr(entity_ref, ':') - 1), final_entity, '', location_key, orphan, updated_at
  FROM final_entities;
DROP TABLE final_entities;
ALTER TABLE final_entities_v3 RENAME TO final_entities;
CREATE INDEX final_entities_kind ON final_entities (kind, id);

DROP TABLE search;
CREATE TABLE search (
  entity         INTEGER      NOT NULL,
  kind           VARCHAR(64)  NOT NULL,
  key            VARCHAR(256) NOT NULL,
  value          VARCHAR(512),
  original_value VARCHAR(512)
);
CREATE INDEX search_key_value ON search (key, value, entity);
CREATE INDEX search_key_kind ON search (key, kind, value, entity, original_value);
CREATE INDEX search_entity ON search (entity, key, value);
