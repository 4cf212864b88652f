package dev.backlot.scaffolder.run;

/** A run stopped before a step because its task was cancelled. */
public final class CancelledException extends RuntimeException {
  public CancelledException() {
    super("The task was cancelled");
  }
}
