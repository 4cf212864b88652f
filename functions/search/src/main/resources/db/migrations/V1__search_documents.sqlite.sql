-- One row per indexed document; see the PostgreSQL variant for the columns. SQLite searches the
-- FTS5 table search_fts, whose rowid is search_documents.id (the store writes both together).
CREATE TABLE search_documents (
  id         INTEGER       PRIMARY KEY AUTOINCREMENT,
  type       VARCHAR(64)   NOT NULL,
  doc_key    VARCHAR(1024) NOT NULL,
  title      TEXT          NOT NULL,
  text       TEXT          NOT NULL,
  keywords   TEXT          NOT NULL,
  document   TEXT          NOT NULL,
  resource_ref VARCHAR(1024),
  run        BIGINT        NOT NULL,
  UNIQUE (type, doc_key)
);
-- Words as they are (the query's words are stemmed and matched as prefixes: WordStems says why),
-- with prefix indexes for the short prefixes people type.
CREATE VIRTUAL TABLE search_fts USING fts5(title, text, keywords, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
CREATE TABLE search_fields (
  doc_id INTEGER      NOT NULL REFERENCES search_documents (id) ON DELETE CASCADE,
  field  VARCHAR(64)  NOT NULL,
  value  VARCHAR(512) NOT NULL,
  PRIMARY KEY (field, value, doc_id)
);
CREATE INDEX search_fields_doc ON search_fields (doc_id);
CREATE TABLE search_index_runs (
  type        VARCHAR(64)   PRIMARY KEY,
  run         BIGINT        NOT NULL,
  cursor      TEXT,
  documents   BIGINT        NOT NULL,
  started_at  VARCHAR(32)   NOT NULL,
  finished_at VARCHAR(32)
);
