package dev.backlot.catalog.ingestion.github;

import dev.backlot.platform.config.Config;
import java.time.Duration;

/**
 * How hard a read tries: {@code catalog.github.maxAttempts} requests per file (default 4), a
 * first back-off after a 5xx of {@code catalog.github.backoffMillis} (default 500, doubling), and
 * at most {@code catalog.github.maxRateLimitWaitSeconds} (default 30) spent waiting in all, for
 * rate limits and back-offs together: a read runs inside a request with a 60 s deadline, so a
 * later reset fails the read now (the next scheduled refresh tries again) rather than holding the
 * request open past it.
 */
record RetryPolicy(int maxAttempts, Duration firstBackoff, Duration maxRateLimitWait) {
  static RetryPolicy fromConfig(Config config) {
    Config github = config.getOptionalConfig("catalog.github").orElse(Config.empty());
    return new RetryPolicy(
        Math.max(1, github.getOptionalInt("maxAttempts").orElse(4)),
        Duration.ofMillis(Math.max(0, github.getOptionalLong("backoffMillis").orElse(500L))),
        Duration.ofSeconds(Math.max(0, github.getOptionalLong("maxRateLimitWaitSeconds").orElse(30L))));
  }

  /** The wait before attempt {@code attempt + 1} after a server error: doubling, capped at 30 s. */
  Duration backoff(int attempt) {
    long millis = firstBackoff.toMillis() << Math.min(attempt - 1, 16);
    return Duration.ofMillis(Math.min(millis, 30_000));
  }
}
