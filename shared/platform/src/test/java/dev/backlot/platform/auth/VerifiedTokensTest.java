package dev.backlot.platform.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlot.platform.config.Config;
import dev.backlot.platform.http.HttpError;
import dev.backlot.testing.MovableClock;
import dev.backlot.testing.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a function remembers of the tokens it verified, and what it never takes on trust. */
class VerifiedTokensTest {
  private final MovableClock clock = new MovableClock(Instant.now());
  private final VerifiedTokens verified = new VerifiedTokens(clock);
  private final Identity guest = new Identity(Identity.Kind.USER, TestTokens.GUEST, List.of(TestTokens.GUEST));

  @Test
  void aVerifiedTokenIsKnownForAMinuteAtMost() {
    verified.remember("token", guest, clock.instant().plus(Duration.ofHours(1)));
    assertEquals(guest, verified.identityOf("token").orElseThrow());
    clock.advance(VerifiedTokens.MAX_AGE);
    assertTrue(verified.identityOf("token").isEmpty(), "verified again after a minute");
  }

  @Test
  void aVerifiedTokenIsNeverKnownPastItsOwnExpiry() {
    verified.remember("token", guest, clock.instant().plusSeconds(10));
    clock.advance(Duration.ofSeconds(10));
    assertTrue(verified.identityOf("token").isEmpty());
  }

  @Test
  void aFloodOfDistinctTokensKeepsTheMemoryBounded() {
    // Who: anyone with valid tokens, minting many; what they would gain: the instance's heap.
    for (int i = 0; i < VerifiedTokens.MAX_ENTRIES * 3; i++) {
      verified.remember("token-" + i, guest, clock.instant().plus(Duration.ofHours(1)));
      assertTrue(verified.size() <= VerifiedTokens.MAX_ENTRIES, "at most " + VerifiedTokens.MAX_ENTRIES + " tokens");
    }
  }

  @Test
  void aTokenThatDiffersFromAVerifiedOneOnlyInItsSignatureIsRefused() {
    // Who: someone who saw a verified token's header and claims (a log, a proxy) and signs them
    // with a key of their own; what they would gain: that token's identity from the memory.
    CallerVerification verification = CallerVerification.fromConfig(Config.of(Map.of("userTokens",
        Map.of("jwksUrl", TestTokens.jwks().url(), "issuer", TestTokens.ISSUER, "audience", TestTokens.AUDIENCE))), "sample", clock);
    String token = TestTokens.sign(TestTokens.userKey(), TestTokens.userClaims(TestTokens.GUEST).build());
    assertEquals(TestTokens.GUEST, verification.identify("Bearer " + token).subject());
    String[] parts = token.split("\\.");
    String forged = TestTokens.sign(TestTokens.newKey(TestTokens.userKey().getKeyID()), TestTokens.userClaims(TestTokens.GUEST).build());
    String sameClaimsOtherSignature = parts[0] + "." + parts[1] + "." + forged.split("\\.")[2];
    HttpError refused = assertThrows(HttpError.class, () -> verification.identify("Bearer " + sameClaimsOtherSignature));
    assertEquals(401, refused.status());
    assertEquals(TestTokens.GUEST, verification.identify("Bearer " + token).subject(), "the verified token still counts");
  }
}
