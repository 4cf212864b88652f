-- The SHA-256 of every signed webhook body taken in the last day, with the delivery that brought
-- it. GitHub's redeliveries keep their X-GitHub-Delivery id; the same signed body under another id
-- is someone replaying a captured delivery, and is refused.
CREATE TABLE webhook_bodies (
  body_sha256 CHAR(64)    NOT NULL PRIMARY KEY,
  delivery_id VARCHAR(64) NOT NULL,
  received_at BIGINT      NOT NULL -- epoch ms
);

-- Claims prune bodies by age.
CREATE INDEX webhook_bodies_received_at ON webhook_bodies (received_at);
