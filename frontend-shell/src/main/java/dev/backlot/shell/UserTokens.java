package dev.backlot.shell;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.backlot.platform.auth.Es256;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Mints the short-lived ES256 tokens the shell sends to the gateway for a signed-in person, and
 * publishes the keys that verify them: the current key and the previous ones, so a rotation
 * never invalidates a token still in use.
 */
public final class UserTokens {
  private final UserTokenSettings settings;
  private final ECKey signingKey;
  private final String publishedKeys;
  private final Clock clock;

  public UserTokens(UserTokenSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    this.signingKey = signingKey(settings.signingKey());
    List<JWK> published = new ArrayList<>(List.of(signingKey.toPublicJWK()));
    for (String previous : settings.previousPublicKeys()) {
      published.add(parse(previous, "backend.auth.userTokens.previousPublicKeys").toPublicJWK());
    }
    this.publishedKeys = new JWKSet(published).toString(true);
  }

  /** A token for {@code identity}, valid for the configured lifetime from now. */
  public MintedToken mint(ShellIdentity identity) {
    Instant now = clock.instant();
    Instant expiry = now.plus(settings.lifetime());
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .issuer(settings.issuer())
        .audience(settings.audience())
        .subject(identity.userRef())
        .claim("ent", identity.ownershipRefs())
        .issueTime(Date.from(now))
        .expirationTime(Date.from(expiry))
        .jwtID(UUID.randomUUID().toString())
        .build();
    return new MintedToken(Es256.sign(signingKey, claims), expiry);
  }

  /** The JWKS document of {@code /.well-known/jwks.json}: public halves only. */
  public String publishedKeys() {
    return publishedKeys;
  }

  /** A serialized token and when it expires. */
  public record MintedToken(String value, Instant expiresAt) implements java.io.Serializable {}

  private static ECKey signingKey(String jwk) {
    if (jwk == null || jwk.isBlank()) {
      throw new IllegalStateException("backend.auth.userTokens.signingKey is not set: the shell needs an EC P-256 private "
          + "JWK to sign user tokens (BACKEND_AUTH_USERTOKENS_SIGNINGKEY; ./backlot start passes .backlot/auth/user-key.json)");
    }
    ECKey key = parse(jwk, "backend.auth.userTokens.signingKey");
    if (!key.isPrivate() || !Curve.P_256.equals(key.getCurve())) {
      throw new IllegalStateException("backend.auth.userTokens.signingKey must be an EC P-256 private key as a JWK");
    }
    if (key.getKeyID() != null) {
      return key;
    }
    try {
      return new ECKey.Builder(key).keyIDFromThumbprint().build();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ECKey parse(String jwk, String configKey) {
    try {
      return ECKey.parse(jwk);
    } catch (ParseException e) {
      throw new IllegalStateException(configKey + " holds no EC JWK: " + e.getMessage(), e);
    }
  }
}
