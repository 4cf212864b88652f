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
import java.util.concurrent.locks.ReentrantLock;

/**
 * The public keys published at a JWKS URL. Fetched on first use and refreshed after {@link
 * #MAX_AGE}; a token signed with a key not in the set (a rotation) fetches again at once. Every
 * fetch, for whatever reason, waits {@link #COOLDOWN} after the previous attempt, so a flood of
 * tokens with made-up key ids, or an outage of the JWKS host, costs it one request per cooldown.
 *
 * <p>One fetch at a time, and only callers that need it wait for it: a caller whose key is in the
 * set it has answers at once, even while the set is refreshed (by the caller that found it due)
 * or an unknown key id is looked up. A failed fetch keeps the keys of the last good one, for
 * {@link #LAST_GOOD_FOR} after it at most: a key the issuer withdrew while its JWKS could not be
 * read is not trusted forever. Callers learn that keys could not be fetched, not from where; the
 * URL goes to the log.
 */
final class CachedJwks implements JWKSource<SecurityContext> {
  static final Duration MAX_AGE = Duration.ofMinutes(10);
  static final Duration COOLDOWN = Duration.ofSeconds(30);
  /** An hour: 50 minutes of failed refreshes past {@link #MAX_AGE}, more than an outage of the shell or Google should last. */
  static final Duration LAST_GOOD_FOR = Duration.ofHours(1);
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final System.Logger LOG = System.getLogger(CachedJwks.class.getName());

  /** What the fetches so far left: replaced whole, so callers read it without the lock. */
  private record State(JWKSet keys, Instant fetchedAt, Instant attemptedAt) {
    static final State NONE = new State(null, null, null);

    boolean usable(Instant now) {
      return keys != null && !now.isAfter(fetchedAt.plus(LAST_GOOD_FOR));
    }

    boolean due(Instant now) {
      return now.isAfter(fetchedAt.plus(MAX_AGE));
    }

    boolean coolingDown(Instant now) {
      return attemptedAt != null && now.isBefore(attemptedAt.plus(COOLDOWN));
    }
  }

  private final URI url;
  private final Clock clock;
  private final ReentrantLock fetching = new ReentrantLock();
  private volatile State state = State.NONE;

  CachedJwks(URI url, Clock clock) {
    this.url = url;
    this.clock = clock;
  }

  @Override
  public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
    Instant now = clock.instant();
    State known = state;
    if (!known.usable(now)) {
      // Nothing to answer with: every caller needs the fetch, and one makes it.
      known = fetchOnce(now, known);
      if (!known.usable(now)) {
        throw new KeySourceException("its issuer's signing keys cannot be fetched");
      }
      return selector.select(known.keys());
    }
    if (known.due(now)) {
      known = refreshUnlessUnderWay(now, known);
    }
    List<JWK> found = selector.select(known.keys());
    if (found.isEmpty()) {
      // Perhaps a rotation: the caller with the unknown key id waits for a fetch, nobody else does.
      found = selector.select(fetchOnce(now, known).keys());
    }
    return found;
  }

  /** Fetches, or waits for the fetch under way and takes what it left. */
  private State fetchOnce(Instant now, State seen) {
    fetching.lock();
    try {
      return state == seen ? fetch(now) : state;
    } finally {
      fetching.unlock();
    }
  }

  /** Fetches when no other caller is; otherwise goes on with the keys it has. */
  private State refreshUnlessUnderWay(Instant now, State seen) {
    if (!fetching.tryLock()) {
      return seen;
    }
    try {
      return state == seen ? fetch(now) : state;
    } finally {
      fetching.unlock();
    }
  }

  /** One attempt, unless cooling down; a failure keeps the keys there were. Called holding the lock. */
  private State fetch(Instant now) {
    State before = state;
    if (before.coolingDown(now)) {
      return before;
    }
    State after = new State(before.keys(), before.fetchedAt(), now);
    try {
      after = new State(download().toPublicJWKSet(), now, now);
    } catch (IOException | ParseException e) {
      LOG.log(System.Logger.Level.WARNING, "Cannot fetch signing keys from " + url + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    state = after;
    return after;
  }

  private JWKSet download() throws IOException, InterruptedException, ParseException {
    HttpResponse<String> response = SharedHttpClient.get().send(
        HttpRequest.newBuilder(url).timeout(TIMEOUT).header("Accept", "application/json").build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("HTTP " + response.statusCode());
    }
    return JWKSet.parse(response.body());
  }
}
