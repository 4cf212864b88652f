-- Each entity's name and title beside it, indexed in each one's order; see the PostgreSQL variant.
ALTER TABLE final_entities ADD COLUMN name_key VARCHAR(512);
ALTER TABLE final_entities ADD COLUMN title_key VARCHAR(512);
UPDATE final_entities SET
  name_key = (SELECT MIN(s.value) FROM search s WHERE s.entity = final_entities.id AND s.key = 'metadata.name'),
  title_key = (SELECT MIN(s.value) FROM search s WHERE s.entity = final_entities.id AND s.key = 'metadata.title');
CREATE INDEX final_entities_name_walk ON final_entities (name_key, id, title_key, kind);
CREATE INDEX final_entities_title_walk ON final_entities (title_key, id, name_key, kind);
