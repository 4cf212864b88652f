-- Backstage's task events: log, completion, cancelled and recovered, each with a JSON body.
CREATE TABLE scaffolder_task_events (
  id         INTEGER      PRIMARY KEY AUTOINCREMENT,
  task_id    VARCHAR(64)  NOT NULL REFERENCES scaffolder_tasks (id) ON DELETE CASCADE,
  event_type VARCHAR(16)  NOT NULL,
  body       TEXT         NOT NULL,
  created_at VARCHAR(64)  NOT NULL
);
CREATE INDEX scaffolder_task_events_task ON scaffolder_task_events (task_id, id);
