-- Sorted pages now walk each kind's (key, kind, value, entity) range and merge the walks, and
-- filters probe (entity, key, value); the (key, value, entity) index served neither any more,
-- while keeping it up cost about a third of the time spent writing search rows.
DROP INDEX search_key_value;
