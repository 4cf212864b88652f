package dev.backlot.platform.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error that becomes an HTTP response in Backstage's error shape. Names match Backstage's
 * {@code @backstage/errors} so clients that switch on {@code error.name} keep working.
 */
public final class HttpError extends RuntimeException {
  private final int status;
  private final String name;
  private final Map<String, String> headers = new LinkedHashMap<>();

  public HttpError(int status, String name, String message) {
    super(message);
    this.status = status;
    this.name = name;
  }

  public HttpError(int status, String name, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.name = name;
  }

  /** Adds a header to the error answer, such as {@code Allow} on a 405. */
  public HttpError withHeader(String name, String value) {
    headers.put(name, value);
    return this;
  }

  Map<String, String> headers() {
    return headers;
  }

  public int status() {
    return status;
  }

  public String name() {
    return name;
  }

  public static HttpError inputError(String message) {
    return new HttpError(400, "InputError", message);
  }

  public static HttpError authenticationError(String message) {
    return new HttpError(401, "AuthenticationError", message);
  }

  public static HttpError notAllowed(String message) {
    return new HttpError(403, "NotAllowedError", message);
  }

  public static HttpError notFound(String message) {
    return new HttpError(404, "NotFoundError", message);
  }

  public static HttpError conflict(String message) {
    return new HttpError(409, "ConflictError", message);
  }

  public static HttpError serviceUnavailable(String message) {
    return new HttpError(503, "ServiceUnavailableError", message);
  }
}
