-- The entity whose processing emitted each entity (a Location entity, or the one generated for
-- a registered or configured location), for GET .../ancestry.
ALTER TABLE final_entities ADD COLUMN parent_ref VARCHAR(512);
