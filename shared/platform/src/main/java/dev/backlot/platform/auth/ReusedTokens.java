package dev.backlot.platform.auth;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The service tokens a plugin sends, one per audience, each reused until a fifth of its lifetime
 * is left (Google's hour-long ID tokens for 48 minutes, local five-minute ones for four), so the
 * receiver still has time to check it. Minting an ES256 token for every call cost the catalog's
 * fanned-out refresh about 8% of its CPU; Google's come from the metadata server.
 */
final class ReusedTokens {
  private record Reused(String token, Instant renewAt) {}

  private final Map<String, Reused> byAudience = new ConcurrentHashMap<>();
  private final Clock clock;

  ReusedTokens(Clock clock) {
    this.clock = clock;
  }

  String tokenFor(String audience, Function<String, String> fresh) {
    Reused reused = byAudience.get(audience);
    if (reused == null || !clock.instant().isBefore(reused.renewAt())) {
      String token = fresh.apply(audience);
      reused = new Reused(token, renewAt(token));
      byAudience.put(audience, reused);
    }
    return reused.token();
  }

  /** A fifth of the lifetime before expiry; a token without both times is used once. */
  private Instant renewAt(String token) {
    try {
      JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
      if (claims.getIssueTime() == null || claims.getExpirationTime() == null) {
        return Instant.MIN;
      }
      Instant issued = claims.getIssueTime().toInstant();
      Instant expires = claims.getExpirationTime().toInstant();
      return expires.minus(Duration.between(issued, expires).dividedBy(5));
    } catch (ParseException e) {
      throw new IllegalStateException("a service token that is not a signed JWT", e);
    }
  }
}
