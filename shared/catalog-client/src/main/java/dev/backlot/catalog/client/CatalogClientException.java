package dev.backlot.catalog.client;

import java.io.IOException;

/**
 * The catalog refused a call: its status and Backstage's error {@code name} and {@code message}
 * ({@code {"error":{"name","message"}}}), as {@code ResponseError} carries them in the
 * TypeScript client. Connection failures stay plain {@link IOException}s.
 */
public final class CatalogClientException extends IOException {
  private final int status;
  private final String name;
  private final String catalogMessage;

  public CatalogClientException(int status, String name, String catalogMessage, String call) {
    super("the catalog answered " + status + " " + name + " to " + call + ": " + catalogMessage);
    this.status = status;
    this.name = name;
    this.catalogMessage = catalogMessage;
  }

  /** The HTTP status, such as 404 or 409. */
  public int status() {
    return status;
  }

  /** Backstage's error name, such as {@code NotFoundError} or {@code ConflictError}. */
  public String name() {
    return name;
  }

  /** The catalog's own explanation. */
  public String catalogMessage() {
    return catalogMessage;
  }
}
