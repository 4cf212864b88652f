-- When each location is due for refresh, and who is refreshing it now. A caller claims due
-- locations by setting a lease (on PostgreSQL with FOR UPDATE SKIP LOCKED), so several
-- instances refresh at once without taking the same location twice; a lease that outlives a
-- crashed instance simply expires.
CREATE TABLE location_leases (
  location_key    VARCHAR(2100) NOT NULL PRIMARY KEY,
  type            VARCHAR(32)   NOT NULL,
  target          VARCHAR(2048) NOT NULL,
  next_refresh_at BIGINT        NOT NULL,
  lease_owner     VARCHAR(64),
  lease_until     BIGINT
);
CREATE INDEX location_leases_due ON location_leases (next_refresh_at);

-- Superseded by location_leases and processing_errors before it was ever used.
DROP TABLE refresh_state;
