-- Each relation row carries the internal id of its source entity (null while that entity is not
-- stored: a relation another entity emitted can name one that does not exist yet). A relation
-- filter with targets (IS_ENTITY_OWNER: relations.ownedBy in the user's ownership refs) then
-- finds its entities as one range of the index below, read without visiting the table, instead of
-- joining each relation to final_entities by ref (3-4 ms for a person's 300 entities at 100k).
-- The index carries the source's ref too, so a page in ref order is read off it (docs/performance.md,
-- "Fifth session"). Kept by every write: Replacement sets the id when it writes a
-- relation or stores its source, and clears it when it deletes the source.
ALTER TABLE relations ADD COLUMN source_entity_id BIGINT;
UPDATE relations r SET source_entity_id = e.id FROM final_entities e WHERE e.entity_ref = r.source_entity_ref;
DROP INDEX relations_target;
-- The raw columns are included so that PostgreSQL can answer from the index alone (it does not
-- match LOWER(x) in an index to a query that needs x otherwise).
CREATE INDEX relations_target ON relations (LOWER(target_entity_ref), LOWER(type))
  INCLUDE (target_entity_ref, type, source_entity_id, source_entity_ref);
-- One kind's entities in ref order (a policy's "or a Group" alternative in GET /entities), read
-- off the index; the ref index alone would walk every entity of the kinds sorting before it.
CREATE INDEX final_entities_kind_ref ON final_entities (kind, entity_ref) INCLUDE (id);
