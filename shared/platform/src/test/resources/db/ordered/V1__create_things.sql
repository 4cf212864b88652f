-- The first table.
CREATE TABLE things (
  id   INTEGER PRIMARY KEY,
  name VARCHAR(100) NOT NULL
);
INSERT INTO things (id, name) VALUES (1, 'first');
