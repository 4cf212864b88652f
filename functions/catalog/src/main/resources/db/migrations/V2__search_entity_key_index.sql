-- Per-entity lookups of one key (sort values, facets) read the index alone.
DROP INDEX search_entity;
CREATE INDEX search_entity_key ON search (entity_id, key, value);
