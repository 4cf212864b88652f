package dev.backlot.shell;

import org.springframework.core.env.Environment;

/**
 * Reads a setting the shell shares with the functions' app-config files as Backstage does: a
 * value that names an environment variable nobody set (the base layer's
 * {@code privateKey: ${BACKLOT_SERVICE_KEY}} on Cloud Run) counts as no value, where Spring would
 * refuse to start.
 */
final class Settings {
  private Settings() {}

  static String optional(Environment environment, String key, String fallback) {
    try {
      return environment.getProperty(key, fallback);
    } catch (IllegalArgumentException unsetVariable) {
      return fallback;
    }
  }
}
