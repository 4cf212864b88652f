-- Relation filters with targets (relations.ownedBy=group:default/team-a, and the permission rule
-- IS_ENTITY_OWNER) find their entities once, by target, instead of probing each entity a page
-- walks: a selective owner filter visits thousands of rows for a page of 20. By the lower-cased
-- target, as filters compare it.
CREATE INDEX relations_target ON relations (LOWER(target_entity_ref));
