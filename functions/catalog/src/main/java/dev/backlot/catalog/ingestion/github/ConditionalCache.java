package dev.backlot.catalog.ingestion.github;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.backlot.platform.cache.Cache;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.http.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The last text and ETag of each file read, so the next read can ask {@code If-None-Match} and a
 * 304 (which GitHub does not count against the rate limit) answers it. Kept in the plugin's cache:
 * Redis when configured, so a file one instance read is a 304 for every other; entries expire
 * after {@code catalog.github.etagCacheTtlSeconds} (a day) and files larger than
 * {@code catalog.github.etagCacheMaxBytes} (256 KiB) are not kept, to bound what the cache holds.
 */
final class ConditionalCache {
  record Cached(String etag, String text) {}

  private static final String PREFIX = "github-etag:";

  private final Cache cache;
  private final Duration ttl;
  private final int maxTextBytes;

  ConditionalCache(Cache cache, Duration ttl, int maxTextBytes) {
    this.cache = cache;
    this.ttl = ttl;
    this.maxTextBytes = maxTextBytes;
  }

  static ConditionalCache fromConfig(Config config, Cache cache) {
    Config github = config.getOptionalConfig("catalog.github").orElse(Config.empty());
    return new ConditionalCache(cache,
        Duration.ofSeconds(Math.max(1, github.getOptionalLong("etagCacheTtlSeconds").orElse(86_400L))),
        Math.max(0, github.getOptionalInt("etagCacheMaxBytes").orElse(256 * 1024)));
  }

  Optional<Cached> get(String url) {
    return cache.get(PREFIX + url).flatMap(ConditionalCache::decode);
  }

  void put(String url, String etag, String text) {
    if (text.getBytes(StandardCharsets.UTF_8).length > maxTextBytes) {
      forget(url);
      return;
    }
    cache.set(PREFIX + url, Json.MAPPER.valueToTree(Map.of("etag", etag, "text", text)).toString(), ttl);
  }

  void forget(String url) {
    cache.delete(PREFIX + url);
  }

  /** An entry another version wrote, or a damaged one, is a miss: the file is read in full. */
  private static Optional<Cached> decode(String stored) {
    try {
      JsonNode entry = Json.MAPPER.readTree(stored);
      return entry.path("etag").isTextual() && entry.path("text").isTextual()
          ? Optional.of(new Cached(entry.get("etag").asText(), entry.get("text").asText()))
          : Optional.empty();
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }
}
