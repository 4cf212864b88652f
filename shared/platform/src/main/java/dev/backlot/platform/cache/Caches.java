package dev.backlot.platform.cache;

import dev.backlot.platform.config.Config;
import dev.backlot.platform.config.ConfigException;
import java.time.Duration;

/** Opens a plugin's cache from Backstage's {@code backend.cache} config. */
public final class Caches {
  static final int MEMORY_ENTRIES = 10_000;

  private Caches() {}

  public static Cache open(Config cache, String pluginId) {
    Duration ttl = Duration.ofMillis(cache.getOptionalLong("defaultTtl").orElse(600_000L));
    String store = cache.getOptionalString("store").orElse("memory");
    return switch (store) {
      case "memory" -> new MemoryCache(MEMORY_ENTRIES, ttl);
      case "redis" -> new RedisCache(RedisConnection.fromConfig(cache), pluginId, ttl);
      default -> throw new ConfigException("Unsupported backend.cache.store '" + store + "'; use memory or redis");
    };
  }
}
