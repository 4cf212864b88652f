-- Locations registered through the API or listed in config (catalog.locations).
CREATE TABLE locations (
  id          VARCHAR(36)  NOT NULL PRIMARY KEY,
  type        VARCHAR(32)  NOT NULL,
  target      VARCHAR(2048) NOT NULL,
  origin      VARCHAR(16)  NOT NULL, -- 'api' or 'config': config locations are not listed, as in Backstage
  created_at  VARCHAR(32)  NOT NULL,
  UNIQUE (type, target)
);

-- Work queue and last processing outcome, one row per entity a location emitted (and per location).
-- A row is claimed by setting lease_owner/lease_until, so several instances can process at once.
CREATE TABLE refresh_state (
  entity_ref          VARCHAR(512) NOT NULL PRIMARY KEY,
  unprocessed_entity  TEXT         NOT NULL,
  location_key        VARCHAR(2100),
  parent_ref          VARCHAR(512),
  errors              TEXT,
  result_hash         VARCHAR(64),
  next_update_at      BIGINT       NOT NULL,
  lease_owner         VARCHAR(64),
  lease_until         BIGINT
);
CREATE INDEX refresh_state_due ON refresh_state (next_update_at);
CREATE INDEX refresh_state_parent ON refresh_state (parent_ref);

-- The stored entity as clients read it.
CREATE TABLE final_entities (
  entity_id     VARCHAR(36)  NOT NULL PRIMARY KEY,
  entity_ref    VARCHAR(512) NOT NULL UNIQUE,
  final_entity  TEXT         NOT NULL,
  etag          VARCHAR(64)  NOT NULL,
  location_key  VARCHAR(2100),
  orphan        SMALLINT     NOT NULL DEFAULT 0,
  updated_at    BIGINT       NOT NULL
);

-- Flattened key/value rows (lower-cased) that filters, ordering and facets query through indexes.
CREATE TABLE search (
  entity_id      VARCHAR(36)  NOT NULL,
  key            VARCHAR(256) NOT NULL,
  value          VARCHAR(512),
  original_value VARCHAR(512)
);
CREATE INDEX search_key_value ON search (key, value, entity_id);
CREATE INDEX search_entity ON search (entity_id);

-- Relations as an entity's processing emitted them, in both directions: an entity's own
-- relations are the rows whose source is that entity, whichever entity emitted them.
CREATE TABLE relations (
  originating_entity_id VARCHAR(36)  NOT NULL,
  source_entity_ref     VARCHAR(512) NOT NULL,
  type                  VARCHAR(64)  NOT NULL,
  target_entity_ref     VARCHAR(512) NOT NULL
);
CREATE INDEX relations_source ON relations (source_entity_ref);
CREATE INDEX relations_originating ON relations (originating_entity_id);
CREATE INDEX relations_type_target ON relations (type, target_entity_ref);
