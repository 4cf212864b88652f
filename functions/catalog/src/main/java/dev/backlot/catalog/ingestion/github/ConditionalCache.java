package dev.backlot.catalog.ingestion.github;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The last text and ETag of each file read, so the next read can ask {@code If-None-Match} and a
 * 304 (which GitHub does not count against the rate limit) answers it. Per instance and bounded:
 * least recently read files go first.
 */
final class ConditionalCache {
  record Cached(String etag, String text) {}

  private final Map<String, Cached> entries;

  ConditionalCache(int capacity) {
    this.entries = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
        return size() > capacity;
      }
    };
  }

  synchronized Optional<Cached> get(String url) {
    return Optional.ofNullable(entries.get(url));
  }

  synchronized void put(String url, String etag, String text) {
    entries.put(url, new Cached(etag, text));
  }

  synchronized void forget(String url) {
    entries.remove(url);
  }
}
