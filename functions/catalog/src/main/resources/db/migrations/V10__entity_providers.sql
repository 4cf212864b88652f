-- Entities an entity provider (POST /providers/:provider/mutations) put in the catalog carry its
-- name, so a full mutation can remove what the provider no longer emits and a delta can remove
-- only its own. location_key keeps Backstage's ownership rule for both: an entity is replaced
-- only by a writer with the same key. Entities read from locations have no provider.
ALTER TABLE final_entities ADD COLUMN provider VARCHAR(128);
CREATE INDEX final_entities_provider ON final_entities (provider);
