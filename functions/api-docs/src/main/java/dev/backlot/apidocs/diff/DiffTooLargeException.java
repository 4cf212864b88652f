package dev.backlot.apidocs.diff;

/** A comparison stopped because it would exceed its {@link DiffBudget}. */
public final class DiffTooLargeException extends RuntimeException {
  DiffTooLargeException(String message) {
    super(message);
  }
}
