package dev.backlot.platform.config;

import java.util.Optional;

/** Where {@code $secret} references in config are resolved, once, at start-up. */
public interface SecretSource {
  /** The secret's value, or empty when it does not exist. */
  Optional<String> get(String secretId, String version);
}
