-- Each relation row carries the internal id of its source entity; see the PostgreSQL variant.
ALTER TABLE relations ADD COLUMN source_entity_id INTEGER;
UPDATE relations SET source_entity_id = (SELECT e.id FROM final_entities e WHERE e.entity_ref = relations.source_entity_ref);
DROP INDEX relations_target;
CREATE INDEX relations_target ON relations (LOWER(target_entity_ref), LOWER(type), source_entity_id, source_entity_ref);
CREATE INDEX final_entities_kind_ref ON final_entities (kind, entity_ref, id);
