-- Problems of each origin location's last refresh, shown in the status of the entity they
-- concern. Replaced with every refresh of that location, in the same transaction.
CREATE TABLE processing_errors (
  location_key VARCHAR(2100) NOT NULL,
  entity_ref   VARCHAR(512)  NOT NULL,
  message      TEXT          NOT NULL
);
CREATE INDEX processing_errors_entity ON processing_errors (entity_ref);
CREATE INDEX processing_errors_location ON processing_errors (location_key);
