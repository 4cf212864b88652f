package dev.backlot.catalog.model;

/** A catalog file or entity that cannot be accepted; the message points at the file and field. */
public final class InvalidEntityException extends RuntimeException {
  public InvalidEntityException(String message) {
    super(message);
  }
}
