package dev.backlot.integration.github;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.backlot.platform.config.ConfigException;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * The JWT a GitHub App authenticates itself with (RS256, {@code iss} the app id). {@code iat} is
 * a minute in the past against clock drift and {@code exp} nine minutes ahead, inside GitHub's
 * ten-minute maximum.
 */
final class AppJwt {
  private static final Duration BACKDATE = Duration.ofSeconds(60);
  private static final Duration LIFETIME = Duration.ofMinutes(9);

  private final String appId;
  private final RSASSASigner signer;

  AppJwt(GitHubApp app) {
    this.appId = app.appId();
    RSAPrivateKey key;
    try {
      key = PemPrivateKey.parse(app.privateKey(), "privateKey of GitHub App " + app.appId());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage(), e);
    }
    this.signer = new RSASSASigner(key);
  }

  String sign(Instant now) {
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .issuer(appId)
        .issueTime(Date.from(now.minus(BACKDATE)))
        .expirationTime(Date.from(now.plus(LIFETIME)))
        .build();
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("could not sign the JWT of GitHub App " + appId, e);
    }
    return jwt.serialize();
  }
}
