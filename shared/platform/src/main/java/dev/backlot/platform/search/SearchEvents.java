package dev.backlot.platform.search;

import dev.backlot.platform.Plugin;
import dev.backlot.platform.config.ConfigException;
import dev.backlot.platform.http.Json;
import dev.backlot.platform.http.SharedHttpClient;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tells the search plugin which of this plugin's items just changed ({@code POST
 * /api/search/events} with their keys), so that it re-reads them: the catalog after each write of
 * entities, api-docs after each new definition. It runs after the change is committed and never
 * throws: a change that search misses is repaired by its scheduled full pass.
 *
 * <p>Each call has 2 s and up to 3 attempts. When search cannot be reached, or is not deployed (a
 * 404), events pause for a minute, so that a catalog refresh of many batches does not wait on an
 * absent search for each one.
 */
public final class SearchEvents {
  static final int MAX_KEYS = 500;
  static final Duration TIMEOUT = Duration.ofSeconds(2);
  static final int ATTEMPTS = 3;
  static final Duration PAUSE = Duration.ofMinutes(1);
  private static final Logger LOG = Logger.getLogger(SearchEvents.class.getName());

  private final String type;
  private final Function<String, String> baseUrl;
  private final Function<String, String> authorization;
  private final Clock clock;
  private volatile Instant pausedUntil = Instant.MIN;

  SearchEvents(String type, Function<String, String> baseUrl, Function<String, String> authorization, Clock clock) {
    this.type = type;
    this.baseUrl = baseUrl;
    this.authorization = authorization;
    this.clock = clock;
  }

  /** Events of {@code plugin}'s document type {@code type} ({@code software-catalog}, {@code api-definition}). */
  public static SearchEvents forPlugin(Plugin plugin, String type) {
    return new SearchEvents(type, id -> plugin.discovery().getBaseUrl(id), id -> plugin.serviceTokens().authorizationFor(id), Clock.systemUTC());
  }

  /** Announces that the items with these keys changed (or went); returns whether search took every key. */
  public boolean changed(Collection<String> keys) {
    if (keys.isEmpty() || clock.instant().isBefore(pausedUntil)) {
      return false;
    }
    List<String> all = List.copyOf(keys);
    for (int from = 0; from < all.size(); from += MAX_KEYS) {
      if (!send(all.subList(from, Math.min(all.size(), from + MAX_KEYS)))) {
        pausedUntil = clock.instant().plus(PAUSE);
        return false;
      }
    }
    return true;
  }

  private boolean send(List<String> keys) {
    String url;
    try {
      url = baseUrl.apply("search") + "/events";
    } catch (ConfigException e) {
      return false;
    }
    byte[] body = Json.bytes(Map.of("type", type, "keys", keys));
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).header("Content-Type", "application/json")
            .header("Authorization", authorization.apply("search")).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        int status = SharedHttpClient.get().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status == 200) {
          return true;
        }
        if (status == 404 || (status >= 400 && status < 500 && status != 429)) {
          LOG.log(Level.WARNING, "search answered {0} to an event of {1} keys; events pause for {2}", new Object[] {status, keys.size(), PAUSE});
          return false;
        }
      } catch (java.io.IOException | RuntimeException e) {
        LOG.log(Level.FINE, "search event attempt " + attempt + " failed", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
      sleep(Duration.ofMillis(100L * attempt));
    }
    LOG.log(Level.WARNING, "search did not take an event of {0} keys after {1} attempts; events pause for {2}", new Object[] {keys.size(), ATTEMPTS, PAUSE});
    return false;
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
