package dev.backlot.local.rehearsal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Google's accounts service as the rehearsal stands in for it: it signs the ID tokens of service
 * accounts as Google does (RS256, {@code iss https://accounts.google.com}, {@code aud}, {@code
 * email}, {@code email_verified}, an hour long) with one key whose public half is Google's JWKS,
 * and issues opaque OAuth access tokens, remembering whose they are (Google's APIs look that up).
 * Only the metadata servers mint tokens, each for its own account.
 */
final class GoogleAccounts {
  static final String ISSUER = "https://accounts.google.com";
  static final Duration LIFETIME = Duration.ofHours(1);

  private final RSAKey key;
  private final Map<String, String> accessTokens = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();

  GoogleAccounts() {
    try {
      key = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).keyIDFromThumbprint(true).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot make the rehearsal's Google signing key", e);
    }
  }

  /** An ID token of {@code email} for {@code audience}, as the metadata server's identity endpoint answers. */
  String idToken(String email, String audience) {
    Instant now = Instant.now();
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .issuer(ISSUER)
        .audience(audience)
        .subject(uniqueId(email))
        .claim("azp", uniqueId(email))
        .claim("email", email)
        .claim("email_verified", true)
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plus(LIFETIME)))
        .build();
    SignedJWT token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
    try {
      token.sign(new RSASSASigner(key));
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    return token.serialize();
  }

  /** The claims of an ID token this service signed that has not expired; empty for anything else. */
  Optional<JWTClaimsSet> verify(String idToken) {
    try {
      SignedJWT token = SignedJWT.parse(idToken);
      JWTClaimsSet claims = token.getJWTClaimsSet();
      boolean valid = JWSAlgorithm.RS256.equals(token.getHeader().getAlgorithm()) && token.verify(new RSASSAVerifier(key))
          && ISSUER.equals(claims.getIssuer()) && claims.getExpirationTime() != null && claims.getExpirationTime().after(new Date());
      return valid ? Optional.of(claims) : Optional.empty();
    } catch (ParseException | JOSEException e) {
      return Optional.empty();
    }
  }

  /** A new access token of {@code email}. */
  String accessToken(String email) {
    byte[] bytes = new byte[24];
    random.nextBytes(bytes);
    String token = "ya29.rehearsal-" + HexFormat.of().formatHex(bytes);
    accessTokens.put(token, email);
    return token;
  }

  /** Whose access token this is. */
  Optional<String> ownerOf(String accessToken) {
    return Optional.ofNullable(accessTokens.get(accessToken));
  }

  /** The public keys, as https://www.googleapis.com/oauth2/v3/certs serves them. */
  String jwks() {
    return new JWKSet(key.toPublicJWK()).toString(true);
  }

  /** A service account's numeric unique id ({@code sub}), stable per email. */
  static String uniqueId(String email) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(email.getBytes(StandardCharsets.UTF_8));
      return "1" + Long.toUnsignedString(java.nio.ByteBuffer.wrap(hash).getLong());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
