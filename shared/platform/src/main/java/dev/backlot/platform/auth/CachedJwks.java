package dev.backlot.platform.auth;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.backlot.platform.http.SharedHttpClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The public keys published at a JWKS URL. Fetched on first use and kept for {@link #MAX_AGE};
 * a token signed with a key not in the set (a rotation) fetches again at once. Every fetch, for
 * whatever reason, waits {@link #COOLDOWN} after the previous attempt, so a flood of tokens with
 * made-up key ids, or an outage of the JWKS host, costs it one request per cooldown. A failed
 * fetch keeps the keys of the last good one.
 */
final class CachedJwks implements JWKSource<SecurityContext> {
  static final Duration MAX_AGE = Duration.ofMinutes(10);
  static final Duration COOLDOWN = Duration.ofSeconds(30);
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final URI url;
  private final Clock clock;
  private JWKSet keys;
  private Instant fetchedAt;
  private Instant attemptedAt;

  CachedJwks(URI url, Clock clock) {
    this.url = url;
    this.clock = clock;
  }

  @Override
  public synchronized List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
    Instant now = clock.instant();
    if (keys == null || now.isAfter(fetchedAt.plus(MAX_AGE))) {
      fetchUnlessCoolingDown(now);
    }
    if (keys == null) {
      throw new KeySourceException("The signing keys at " + url + " could not be fetched");
    }
    List<JWK> found = selector.select(keys);
    if (found.isEmpty() && fetchUnlessCoolingDown(now)) {
      found = selector.select(keys);
    }
    return found;
  }

  /** True when it fetched a new set. */
  private boolean fetchUnlessCoolingDown(Instant now) {
    if (attemptedAt != null && now.isBefore(attemptedAt.plus(COOLDOWN))) {
      return false;
    }
    attemptedAt = now;
    try {
      keys = fetch().toPublicJWKSet();
      fetchedAt = now;
      return true;
    } catch (IOException | ParseException e) {
      System.getLogger(CachedJwks.class.getName()).log(System.Logger.Level.WARNING,
          "Cannot fetch signing keys from " + url + ": " + e);
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private JWKSet fetch() throws IOException, InterruptedException, ParseException {
    HttpResponse<String> response = SharedHttpClient.get().send(
        HttpRequest.newBuilder(url).timeout(TIMEOUT).header("Accept", "application/json").build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("HTTP " + response.statusCode());
    }
    return JWKSet.parse(response.body());
  }
}
