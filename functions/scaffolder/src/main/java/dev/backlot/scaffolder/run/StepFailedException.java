package dev.backlot.scaffolder.run;

/** A step that failed: its id and why, with the task's secrets already hidden from the message. */
public final class StepFailedException extends RuntimeException {
  private final String stepId;

  public StepFailedException(String stepId, String message) {
    super(message);
    this.stepId = stepId;
  }

  public String stepId() {
    return stepId;
  }
}
