-- An entity's relations are read for every entity served: with type and target in the index,
-- that read is one index range in the order it is served, without visiting the table.
DROP INDEX relations_source;
CREATE INDEX relations_source ON relations (source_entity_ref, type, target_entity_ref);
