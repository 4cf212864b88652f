package dev.backlot.scaffolder.run;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Where a run reports: log lines (already redacted), each finished step's output, and whether to stop. */
public interface RunListener {
  /** A log line; {@code status} is null, or processing, completed, failed or skipped for a step's own lines. */
  void log(String stepId, String status, String message);

  /** A step finished with {@code output}: a task checkpoints it and renews its lease. */
  default void stepCompleted(String stepId, ObjectNode output) {}

  /** Checked before every step: a cancelled task stops there. */
  default boolean cancelled() {
    return false;
  }
}
