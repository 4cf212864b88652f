package dev.backlot.platform.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.jwk.ECKey;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.http.HttpError;
import dev.backlot.testing.JwksServer;
import dev.backlot.testing.Poll;
import dev.backlot.testing.TestTokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Keys fetched over loopback HTTP as the issuer rotates them; time moves only when the test says so. */
class KeyRotationTest {
  private final ECKey first = TestTokens.newKey("first");
  private final ECKey second = TestTokens.newKey("second");
  private JwksServer jwks;
  private Instant now = Instant.parse("2030-01-01T00:00:00Z");
  private CallerVerification verification;

  @BeforeEach
  void start() {
    jwks = JwksServer.start(first);
    Clock clock = new Clock() {
      @Override
      public Instant instant() {
        return now;
      }

      @Override
      public java.time.ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }
    };
    verification = CallerVerification.fromConfig(Config.of(Map.of("userTokens",
        Map.of("jwksUrl", jwks.url(), "issuer", TestTokens.ISSUER, "audience", TestTokens.AUDIENCE))), "sample", clock);
  }

  @AfterEach
  void stop() {
    jwks.close();
  }

  private Identity call(ECKey key) {
    return verification.identify("Bearer " + TestTokens.sign(key, TestTokens.userClaims(TestTokens.GUEST).build()));
  }

  @Test
  void publishingOldAndNewKeysTogetherRotatesWithoutDowntime() {
    assertEquals(TestTokens.GUEST, call(first).subject());
    jwks.publish(first, second);
    now = now.plus(CachedJwks.MAX_AGE).plusSeconds(1);
    assertEquals(TestTokens.GUEST, call(first).subject(), "tokens signed before the rotation still count");
    assertEquals(TestTokens.GUEST, call(second).subject());
    jwks.publish(second);
    now = now.plus(CachedJwks.MAX_AGE).plusSeconds(1);
    assertEquals(TestTokens.GUEST, call(second).subject());
    assertThrows(HttpError.class, () -> call(first), "a key no longer published is no longer trusted");
  }

  @Test
  void anUnknownKeyIdFetchesTheKeysAgainOncePerCooldown() {
    call(first);
    jwks.publish(first, second);
    assertThrows(HttpError.class, () -> call(second), "fetched at start, so this waits for the cooldown");
    now = now.plus(CachedJwks.COOLDOWN);
    assertEquals(TestTokens.GUEST, call(second).subject(), "the unknown kid fetched the rotated set");
    int fetches = jwks.fetches();

    now = now.plus(CachedJwks.COOLDOWN);
    for (int i = 0; i < 20; i++) {
      ECKey madeUp = TestTokens.newKey("made-up-" + i);
      HttpError refused = assertThrows(HttpError.class, () -> call(madeUp));
      assertEquals(401, refused.status());
    }
    assertEquals(fetches + 1, jwks.fetches(), "a flood of unknown kids fetches once");
    assertEquals(TestTokens.GUEST, call(second).subject());
  }

  @Test
  void keysOfTheLastGoodFetchOutliveAnOutageForABoundedTime() {
    Instant fetched = now;
    call(first);
    jwks.close();
    now = now.plus(CachedJwks.MAX_AGE).plusSeconds(1);
    assertEquals(TestTokens.GUEST, call(first).subject());
    now = fetched.plus(CachedJwks.LAST_GOOD_FOR);
    assertEquals(TestTokens.GUEST, call(first).subject(), "still within the bound");

    // The issuer may have withdrawn the key (leaked, say) while its JWKS cannot be read: not trusted forever.
    now = now.plusSeconds(1);
    HttpError expired = assertThrows(HttpError.class, () -> call(first));
    assertEquals(401, expired.status());
    assertEquals("Cannot verify token: its issuer's signing keys cannot be fetched", expired.getMessage());
  }

  @Test
  void theAnswerNamesNoInternalJwksUrl() {
    // A caller learns that keys could not be fetched, not where this function fetches them from.
    jwks.close();
    HttpError refused = assertThrows(HttpError.class, () -> call(first));
    assertEquals(401, refused.status());
    assertEquals("Cannot verify token: its issuer's signing keys cannot be fetched", refused.getMessage());
  }

  @Test
  void aCallerWithACachedKeyIsNotHeldWhileAnUnknownKeyIdFetches() throws Exception {
    call(first);
    jwks.publish(first, second);
    now = now.plus(CachedJwks.COOLDOWN);
    jwks.hold();
    CompletableFuture<Identity> rotated = fetchingAfter(() -> call(second));

    assertEquals(TestTokens.GUEST, call(first).subject());

    assertFalse(rotated.isDone(), "the cached key answered while the fetch was still under way");
    jwks.release();
    assertEquals(TestTokens.GUEST, rotated.get().subject());
  }

  @Test
  void staleKeysAreRefreshedByOneCallerWhileTheOthersUseThem() throws Exception {
    call(first);
    now = now.plus(CachedJwks.MAX_AGE).plusSeconds(1);
    jwks.hold();
    CompletableFuture<Identity> refreshing = fetchingAfter(() -> call(first));

    assertEquals(TestTokens.GUEST, call(first).subject());

    assertFalse(refreshing.isDone(), "the stale keys answered while the refresh was still under way");
    jwks.release();
    assertEquals(TestTokens.GUEST, refreshing.get().subject());
    int fetches = jwks.fetches();
    assertEquals(TestTokens.GUEST, call(first).subject());
    assertEquals(fetches, jwks.fetches(), "refreshed: fresh again");
  }

  /** Starts {@code call} on another thread and returns once its key fetch has reached the (held) JWKS server. */
  private CompletableFuture<Identity> fetchingAfter(Supplier<Identity> call) throws Exception {
    int before = jwks.fetches();
    CompletableFuture<Identity> pending = CompletableFuture.supplyAsync(call);
    Poll.until(Duration.ofSeconds(30), () -> jwks.fetches() > before, () -> "the keys were never fetched");
    return pending;
  }
}
