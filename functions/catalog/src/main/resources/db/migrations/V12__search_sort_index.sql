-- Names, titles and display names in value order across kinds: a full-text query sorted by one
-- of them walks this index and probes each entity for the term, and stops when its page is full.
-- A common term ("payments" in one title of twelve) fills a page of 20 within a few hundred rows
-- at any catalog size, where reading every match first and sorting grows with the catalog.
-- Partial, so that writes of the other keys' rows do not pay for it.
CREATE INDEX search_sort ON search (key, value, entity, kind) WHERE key IN ('metadata.name', 'metadata.title', 'spec.profile.displayname');
