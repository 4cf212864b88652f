package dev.backlot.platform.cache;

import java.time.Duration;
import java.util.Optional;

/**
 * A plugin's cache: entries are namespaced by plugin, so two plugins never see each other's
 * keys. A cache is an optimisation: when its store is down, reads miss and writes are dropped.
 */
public interface Cache {
  Optional<String> get(String key);

  /** Stores with the cache's default time to live. */
  void set(String key, String value);

  void set(String key, String value, Duration ttl);

  void delete(String key);
}
