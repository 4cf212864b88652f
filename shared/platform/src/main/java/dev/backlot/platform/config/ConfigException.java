package dev.backlot.platform.config;

/** Configuration is missing, mistyped or cannot be read; the message names the key and file. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
