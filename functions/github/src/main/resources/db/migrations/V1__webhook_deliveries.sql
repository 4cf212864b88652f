-- GitHub webhook deliveries already taken on, by X-GitHub-Delivery id: a redelivery of the same
-- event finds its row and is not applied again. A delivery whose application failed is removed,
-- so GitHub's redelivery can try again.
CREATE TABLE webhook_deliveries (
  delivery_id VARCHAR(64)  NOT NULL PRIMARY KEY,
  event       VARCHAR(64)  NOT NULL,
  received_at BIGINT       NOT NULL -- epoch ms
);
