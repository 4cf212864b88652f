package dev.backlot.permission.storage;

/** A change the stored roles and policies do not allow, with why; the routes answer it in Backstage's error shape. */
public final class Refused extends Exception {
  public enum Reason { NOT_FOUND, CONFLICT, OTHER_SOURCE }

  private final Reason reason;

  Refused(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
