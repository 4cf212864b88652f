-- A number every write that changes entities moves, in its own transaction, just before it
-- commits: a by-query count kept for the generation it was counted at (EntityQuery) is exact for
-- as long as the generation has not moved, on whichever instance wrote. Counting the entities a
-- very common full-text term matches takes ~50 ms at 100k (docs/performance.md).
CREATE TABLE catalog_generation (
  id          SMALLINT NOT NULL PRIMARY KEY,
  generation  BIGINT   NOT NULL
);
INSERT INTO catalog_generation (id, generation) VALUES (1, 0);
