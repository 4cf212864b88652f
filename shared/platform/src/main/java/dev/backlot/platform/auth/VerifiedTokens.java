package dev.backlot.platform.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who the JWTs this instance verified belong to, for at most {@link #MAX_AGE} and never past a
 * token's own expiry. A caller reuses its token for minutes (the catalog's fanned-out refresh sends
 * the same service token with thousands of unit requests), and verifying ES256 each time cost
 * the catalog about 14% of its CPU. Entries are keyed by the whole token, signature included, so
 * only the very token that was verified is known; a minute bounds how long a key withdrawn from
 * a JWKS still admits tokens already seen.
 */
final class VerifiedTokens {
  static final Duration MAX_AGE = Duration.ofMinutes(1);
  static final int MAX_ENTRIES = 1_000;

  private record Verified(Identity identity, Instant until) {}

  private final Map<String, Verified> byToken = new ConcurrentHashMap<>();
  private final Clock clock;

  VerifiedTokens(Clock clock) {
    this.clock = clock;
  }

  Optional<Identity> identityOf(String token) {
    Verified verified = byToken.get(token);
    if (verified == null) {
      return Optional.empty();
    }
    if (!clock.instant().isBefore(verified.until())) {
      byToken.remove(token, verified);
      return Optional.empty();
    }
    return Optional.of(verified.identity());
  }

  /** Remembers {@code token}, just verified as {@code identity}, until {@code expires} or a minute passes. */
  void remember(String token, Identity identity, Instant expires) {
    Instant now = clock.instant();
    Instant until = expires.isBefore(now.plus(MAX_AGE)) ? expires : now.plus(MAX_AGE);
    if (byToken.size() >= MAX_ENTRIES) {
      byToken.values().removeIf(v -> !now.isBefore(v.until()));
      if (byToken.size() >= MAX_ENTRIES) {
        byToken.clear();
      }
    }
    byToken.put(token, new Verified(identity, until));
  }

  int size() {
    return byToken.size();
  }
}
