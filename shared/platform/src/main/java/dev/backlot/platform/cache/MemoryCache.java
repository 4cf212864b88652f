package dev.backlot.platform.cache;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/** An in-process cache with a size bound (least recently used goes first) and TTLs. */
public final class MemoryCache implements Cache {
  private record Stored(String value, long expiresAtNanos) {}

  private final Duration defaultTtl;
  private final LongSupplier nanoTime;
  private final Map<String, Stored> entries;

  public MemoryCache(int maxEntries, Duration defaultTtl) {
    this(maxEntries, defaultTtl, System::nanoTime);
  }

  MemoryCache(int maxEntries, Duration defaultTtl, LongSupplier nanoTime) {
    this.defaultTtl = defaultTtl;
    this.nanoTime = nanoTime;
    this.entries = new LinkedHashMap<String, Stored>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Stored> eldest) {
        return size() > maxEntries;
      }
    };
  }

  @Override
  public synchronized Optional<String> get(String key) {
    Stored entry = entries.get(key);
    if (entry == null) {
      return Optional.empty();
    }
    if (nanoTime.getAsLong() - entry.expiresAtNanos >= 0) {
      entries.remove(key);
      return Optional.empty();
    }
    return Optional.of(entry.value);
  }

  @Override
  public void set(String key, String value) {
    set(key, value, defaultTtl);
  }

  @Override
  public synchronized void set(String key, String value, Duration ttl) {
    entries.put(key, new Stored(value, nanoTime.getAsLong() + ttl.toNanos()));
  }

  @Override
  public synchronized void delete(String key) {
    entries.remove(key);
  }
}
