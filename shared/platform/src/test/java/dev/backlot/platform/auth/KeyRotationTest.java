package dev.backlot.platform.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.jwk.ECKey;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.http.HttpError;
import dev.backlot.testing.JwksServer;
import dev.backlot.testing.TestTokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
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
  void keysOfTheLastGoodFetchOutliveAnOutage() {
    call(first);
    jwks.close();
    now = now.plus(CachedJwks.MAX_AGE).plusSeconds(1);
    assertEquals(TestTokens.GUEST, call(first).subject());
  }
}
