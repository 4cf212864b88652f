-- Each entity's (least, lower-cased) name and title beside it, with an index in each one's order
-- that holds the other and the kind: a full-text query over names and titles sorted by either
-- walks it without reading anything else, where the search rows needed a probe per row for the
-- other field. A term in most titles but in no name that sorts early ("component", names api-…
-- first) skipped 15,000 names at ~0.02 ms a probe (docs/performance.md, fifth session).
-- Values longer than 200 characters are not searchable (no search row), so they are null here too.
ALTER TABLE final_entities ADD COLUMN name_key VARCHAR(512) COLLATE "C";
ALTER TABLE final_entities ADD COLUMN title_key VARCHAR(512) COLLATE "C";
UPDATE final_entities f SET
  name_key = (SELECT MIN(s.value) FROM search s WHERE s.entity = f.id AND s.key = 'metadata.name'),
  title_key = (SELECT MIN(s.value) FROM search s WHERE s.entity = f.id AND s.key = 'metadata.title');
CREATE INDEX final_entities_name_walk ON final_entities (name_key, id) INCLUDE (title_key, kind);
CREATE INDEX final_entities_title_walk ON final_entities (title_key, id) INCLUDE (name_key, kind);
