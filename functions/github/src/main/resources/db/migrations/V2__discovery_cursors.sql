-- Where discovery of each github.discovery target stopped: the name of the last repository a
-- batch examined. The next scheduled call continues after it; a finished pass removes the row,
-- so the pass after starts from the beginning again.
CREATE TABLE discovery_cursors (
  target           VARCHAR(512) NOT NULL PRIMARY KEY,
  after_repository VARCHAR(256) NOT NULL
);
