-- Backstage's scaffolder tasks. spec holds the template entity, the values and the user as the
-- task was created (the template is not read again, so a task runs what its creator saw);
-- secrets are kept only while the task may still run and set to NULL when it ends.
-- A worker invocation claims a task by setting lease_owner and lease_until (epoch ms); a task
-- whose lease ran out while processing is claimed again and resumes after the last checkpoint
-- (the outputs of the steps done, in checkpoints).
CREATE TABLE scaffolder_tasks (
  id               VARCHAR(64)  NOT NULL PRIMARY KEY,
  spec             TEXT         NOT NULL,
  secrets          TEXT,
  status           VARCHAR(16)  NOT NULL,
  created_by       VARCHAR(255) NOT NULL,
  created_at       VARCHAR(64)  NOT NULL,
  last_heartbeat_at VARCHAR(64),
  lease_owner      VARCHAR(64),
  lease_until      BIGINT,
  attempts         INTEGER      NOT NULL DEFAULT 0,
  cancel_requested INTEGER      NOT NULL DEFAULT 0,
  checkpoints      TEXT         NOT NULL,
  output           TEXT
);
CREATE INDEX scaffolder_tasks_status ON scaffolder_tasks (status, created_at);
CREATE INDEX scaffolder_tasks_created_by ON scaffolder_tasks (created_by, created_at);
