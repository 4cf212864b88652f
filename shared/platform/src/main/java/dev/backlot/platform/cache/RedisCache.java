package dev.backlot.platform.cache;

import java.time.Duration;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.SetParams;

/**
 * A cache in Redis (Memorystore in GCP, with AUTH and TLS), keys prefixed {@code backlot:<plugin>:}.
 * The client connects on first use, so a cold start pays nothing until the cache is read.
 */
public final class RedisCache implements Cache, AutoCloseable {
  private static final Logger LOG = Logger.getLogger(RedisCache.class.getName());

  private final RedisConnection connection;
  private final String prefix;
  private final Duration defaultTtl;
  private RedisClient client;

  public RedisCache(String url, String pluginId, Duration defaultTtl) {
    this(RedisConnection.of(url), pluginId, defaultTtl);
  }

  RedisCache(RedisConnection connection, String pluginId, Duration defaultTtl) {
    this.connection = connection;
    this.prefix = "backlot:" + pluginId + ":";
    this.defaultTtl = defaultTtl;
  }

  private synchronized RedisClient client() {
    if (client == null) {
      client = connection.open();
    }
    return client;
  }

  @Override
  public Optional<String> get(String key) {
    try {
      return Optional.ofNullable(client().get(prefix + key));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Redis read failed; treating it as a miss: " + e.getMessage());
      return Optional.empty();
    }
  }

  @Override
  public void set(String key, String value) {
    set(key, value, defaultTtl);
  }

  @Override
  public void set(String key, String value, Duration ttl) {
    try {
      client().set(prefix + key, value, SetParams.setParams().px(Math.max(1, ttl.toMillis())));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Redis write failed; dropping it: " + e.getMessage());
    }
  }

  @Override
  public void delete(String key) {
    try {
      client().del(prefix + key);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Redis delete failed: " + e.getMessage());
    }
  }

  /** Remaining time to live in milliseconds, as Redis reports it (-2 when absent). */
  long ttlMillis(String key) {
    return client().pttl(prefix + key);
  }

  @Override
  public synchronized void close() {
    if (client != null) {
      client.close();
    }
  }
}
