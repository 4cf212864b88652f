-- Whether a delivery is still being applied ('applying') or was applied ('done'): a redelivery
-- answers "duplicate" only for a done one, waits out one being applied, and takes over one whose
-- instance died mid-apply. Deliveries recorded before this were applied, or they would be gone.
ALTER TABLE webhook_deliveries ADD COLUMN state VARCHAR(16) NOT NULL DEFAULT 'done';

-- Claims prune done deliveries by age.
CREATE INDEX webhook_deliveries_state_received_at ON webhook_deliveries (state, received_at);
