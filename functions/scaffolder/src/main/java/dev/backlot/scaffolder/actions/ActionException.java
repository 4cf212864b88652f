package dev.backlot.scaffolder.actions;

/** An action that cannot do what its input asks; the message is shown in the task's log. */
public final class ActionException extends RuntimeException {
  public ActionException(String message) {
    super(message);
  }
}
