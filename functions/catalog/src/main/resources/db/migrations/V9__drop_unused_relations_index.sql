-- Relations are read by source (an entity's own relations, relation filters and facets) and
-- deleted by the entity that emitted them; nothing looks them up by (type, target), so that
-- index only slowed ingestion down.
DROP INDEX relations_type_target;
