-- The workspace of a processing task as it was after its last checkpointed step: a zip, base64
-- text so that one column type serves SQLite and PostgreSQL. A task claimed again after its worker
-- died restores it and resumes after that step; NULL (too large, or no step done) starts over.
-- Set to NULL when the task ends, as its secrets are.
ALTER TABLE scaffolder_tasks ADD COLUMN workspace_snapshot TEXT;
