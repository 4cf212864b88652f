package dev.backlot.platform.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlot.platform.config.Config;
import dev.backlot.testing.TestRedis;
import dev.backlot.testing.Poll;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** One contract for the memory cache and for the real Redis on loopback. */
class CacheContractTest {
  enum Store { MEMORY, REDIS }

  static Stream<Store> stores() {
    return Stream.of(Store.MEMORY, Store.REDIS);
  }

  private static Cache open(Store store, String plugin) {
    if (store == Store.REDIS) {
      return Caches.open(Config.of(Map.of("store", "redis", "connection", TestRedis.url(), "defaultTtl", 60_000)), plugin);
    }
    return Caches.open(Config.empty(), plugin);
  }

  private static String unique() {
    return "test-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @ParameterizedTest
  @MethodSource("stores")
  void setGetOverwriteDelete(Store store) {
    Cache cache = open(store, unique());
    assertTrue(cache.get("k").isEmpty());
    cache.set("k", "v1");
    cache.set("k", "v2");
    assertEquals(Optional.of("v2"), cache.get("k"));
    cache.delete("k");
    assertTrue(cache.get("k").isEmpty());
  }

  @ParameterizedTest
  @MethodSource("stores")
  void pluginsDoNotSeeEachOthersEntries(Store store) {
    String suffix = unique();
    Cache catalog = open(store, "catalog-" + suffix);
    Cache docs = open(store, "docs-" + suffix);
    catalog.set("shared-key", "catalog's");
    assertTrue(docs.get("shared-key").isEmpty());
    docs.set("shared-key", "docs'");
    assertEquals(Optional.of("catalog's"), catalog.get("shared-key"));
  }

  @Test
  void redisEntriesExpireAfterTheirTtl() throws Exception {
    try (RedisCache cache = new RedisCache(TestRedis.url(), unique(), Duration.ofMinutes(1))) {
      cache.set("short", "v", Duration.ofMillis(300));
      long ttl = cache.ttlMillis("short");
      assertTrue(ttl > 0 && ttl <= 300, "PTTL " + ttl);
      cache.set("default", "v");
      assertTrue(cache.ttlMillis("default") > 30_000, "the default TTL applies");
      // Redis expires the key in its own time: a bounded wait, no fixed sleep.
      Poll.until(Duration.ofSeconds(2), () -> cache.get("short").isEmpty(), () -> "the short-lived key never expired");
    }
  }

  @Test
  void memoryEntriesExpireAndTheOldestIsEvicted() {
    AtomicLong now = new AtomicLong();
    MemoryCache cache = new MemoryCache(2, Duration.ofSeconds(10), now::get);
    cache.set("a", "1");
    cache.set("b", "2", Duration.ofSeconds(1));
    now.addAndGet(Duration.ofMillis(999).toNanos());
    assertEquals(Optional.of("2"), cache.get("b"));
    now.addAndGet(Duration.ofMillis(1).toNanos());
    assertTrue(cache.get("b").isEmpty(), "expired at its TTL");
    cache.set("c", "3");
    cache.get("a");
    cache.set("d", "4");
    assertTrue(cache.get("c").isEmpty(), "least recently used is evicted");
    assertEquals(Optional.of("1"), cache.get("a"));
  }

  @Test
  void aRedisOutageIsAMissNotAFailure() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    try (RedisCache cache = new RedisCache("redis://127.0.0.1:" + closed, "catalog", Duration.ofMinutes(1))) {
      cache.set("k", "v");
      assertTrue(cache.get("k").isEmpty());
      cache.delete("k");
    }
  }
}
