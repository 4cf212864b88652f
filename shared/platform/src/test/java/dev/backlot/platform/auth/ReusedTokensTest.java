package dev.backlot.platform.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.backlot.testing.MovableClock;
import dev.backlot.testing.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A plugin's outgoing service tokens: one per audience, renewed while the receiver can still check it. */
class ReusedTokensTest {
  private final MovableClock clock = new MovableClock(Instant.parse("2030-01-01T00:00:00Z"));
  private final ReusedTokens reused = new ReusedTokens(clock);
  private final AtomicInteger minted = new AtomicInteger();

  /** A five-minute token for {@code audience}, as LocalServiceKey mints them. */
  private String mint(String audience) {
    minted.incrementAndGet();
    Instant now = clock.instant();
    return TestTokens.sign(TestTokens.serviceKey(), TestTokens.userClaims("plugin:catalog").audience(audience)
        .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(5)))).build());
  }

  @Test
  void aTokenIsReusedUntilAFifthOfItsLifetimeIsLeft() {
    String first = reused.tokenFor("catalog", this::mint);
    clock.advance(Duration.ofMinutes(4).minusSeconds(1));
    assertEquals(first, reused.tokenFor("catalog", this::mint));
    assertEquals(1, minted.get());
    clock.advance(Duration.ofSeconds(1));
    assertNotEquals(first, reused.tokenFor("catalog", this::mint), "one minute left: a fresh one");
    assertEquals(2, minted.get());
  }

  @Test
  void eachAudienceHasItsOwnToken() {
    String catalog = reused.tokenFor("catalog", this::mint);
    String apiDocs = reused.tokenFor("api-docs", this::mint);
    assertNotEquals(catalog, apiDocs);
    assertEquals(catalog, reused.tokenFor("catalog", this::mint));
    assertEquals(2, minted.get());
  }
}
