package dev.backlot.platform.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.backlot.platform.http.HttpError;
import java.text.ParseException;
import java.util.Set;

/**
 * Verifies the JWTs of one issuer: signature by one allowed algorithm against that issuer's
 * keys, then {@code iss}, {@code aud}, {@code exp} and {@code nbf} (with {@link #CLOCK_SKEW_SECONDS}
 * of leeway), then turns the claims into an identity. Only the one algorithm is accepted, so
 * neither {@code none} nor an HMAC keyed with a published public key gets through.
 */
final class SignedTokens {
  static final int CLOCK_SKEW_SECONDS = 30;

  /** Turns verified claims into an identity, or throws {@link HttpError} when they do not make one. */
  @FunctionalInterface
  interface IdentityClaims {
    Identity identityOf(JWTClaimsSet claims) throws ParseException;
  }

  private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
  private final IdentityClaims identity;

  SignedTokens(JWSAlgorithm algorithm, JWKSource<SecurityContext> keys, String issuer, String audience, IdentityClaims identity) {
    this.identity = identity;
    processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithm, keys));
    DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
        audience, new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("sub", "exp"));
    claims.setMaxClockSkew(CLOCK_SKEW_SECONDS);
    processor.setJWTClaimsSetVerifier(claims);
  }

  Identity verify(SignedJWT token) {
    if (token.getHeader().getKeyID() == null) {
      throw HttpError.authenticationError("Invalid token: it names no signing key (kid)");
    }
    try {
      return identity.identityOf(processor.process(token, null));
    } catch (BadJOSEException | ParseException e) {
      throw HttpError.authenticationError("Invalid token: " + e.getMessage());
    } catch (JOSEException e) {
      // The keys could not be fetched: the caller is not at fault, but cannot be trusted either.
      throw HttpError.authenticationError("Cannot verify token: " + e.getMessage());
    }
  }
}
