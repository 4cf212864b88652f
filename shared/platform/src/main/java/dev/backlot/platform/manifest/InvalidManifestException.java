package dev.backlot.platform.manifest;

/** A plugin.yaml, or the set of them, is wrong; the message names the file and the field. */
public final class InvalidManifestException extends RuntimeException {
  public InvalidManifestException(String message) {
    super(message);
  }

  InvalidManifestException(String message, Throwable cause) {
    super(message, cause);
  }
}
