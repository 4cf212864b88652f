package dev.backlot.platform.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import dev.backlot.platform.config.ConfigException;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * The key plugins share outside GCP to sign their calls to each other: an EC P-256 private JWK
 * from config ({@code backend.auth.serviceTokens.local.privateKey}, usually a secret or an
 * environment variable). Holders of the key both mint and verify, as Backstage's shared
 * {@code backend.auth.keys} secret works; in GCP, Google-signed ID tokens take its place.
 */
final class LocalServiceKey {
  static final String ISSUER = "backlot-service";
  static final Duration LIFETIME = Duration.ofMinutes(5);

  private final ECKey key;

  private LocalServiceKey(ECKey key) {
    this.key = key;
  }

  static LocalServiceKey parse(String jwk, String configKey) {
    ECKey key;
    try {
      key = ECKey.parse(jwk);
    } catch (ParseException e) {
      throw new ConfigException("Invalid config at '" + configKey + "': expected an EC P-256 private key as a JWK (" + e.getMessage() + ")");
    }
    if (!Curve.P_256.equals(key.getCurve()) || !key.isPrivate()) {
      throw new ConfigException("Invalid config at '" + configKey + "': expected an EC P-256 private key as a JWK");
    }
    if (key.getKeyID() == null) {
      try {
        key = new ECKey.Builder(key).keyIDFromThumbprint().build();
      } catch (JOSEException e) {
        throw new IllegalStateException(e);
      }
    }
    return new LocalServiceKey(key);
  }

  /**
   * A token signed once with a throwaway key (its public half beside it; the private half was
   * never kept) for plugin {@code warm-up}, valid until 2100. Verifying it warms what the first
   * real request needs without generating a key or signing on the start-up path.
   */
  private static final String REHEARSAL_KEY = "{\"kty\":\"EC\",\"crv\":\"P-256\",\"kid\":\"WHTQQMWiC1us52iAI-MOV26sOQN9lreY3ZUcODRxkao\",\"x\":\"chBdUD73BnVRo-zApreRyl3-cMSlON91y6p_nIZHYOU\",\"y\":\"AfigrcuXb_1VHef5WgojbExpst913vi27lZw8RI2C6U\"}";
  private static final String REHEARSAL_TOKEN = "eyJraWQiOiJXSFRRUU1XaUMxdXM1MmlBSS1NT1YyNnNPUU45bHJlWTNaVWNPRFJ4a2FvIiwiYWxnIjoiRVMyNTYifQ.eyJpc3MiOiJiYWNrbG90LXNlcnZpY2UiLCJzdWIiOiJwbHVnaW46d2FybS11cCIsImF1ZCI6Indhcm0tdXAiLCJleHAiOjQxMDI0NDQ4MDAsImlhdCI6MH0.dXFmSVs27IU17Atm-wP2xtlDYnGnjh6El1EEV4wfLI2nwwq_v7E965FdntWtj0v710XtY9dtLTUiwROdUjhoVw";

  /**
   * Verifies the rehearsal token, so the first real request does not pay for loading the JOSE
   * library and the JDK's EC provider (docs/performance.md, cold start).
   */
  static void rehearseVerification() {
    try {
      new LocalServiceKey(ECKey.parse(REHEARSAL_KEY)).verifier("warm-up").verify((SignedJWT) JWTParser.parse(REHEARSAL_TOKEN));
    } catch (ParseException e) {
      throw new IllegalStateException("the token verification rehearsal failed: " + e.getMessage(), e);
    }
  }

  /** Verifies tokens minted for plugin {@code audience}. */
  SignedTokens verifier(String audience) {
    return new SignedTokens(JWSAlgorithm.ES256, new ImmutableJWKSet<SecurityContext>(new JWKSet(key.toPublicJWK())),
        ISSUER, audience, claims -> {
          String subject = claims.getSubject();
          if (subject == null || !subject.startsWith("plugin:")) {
            throw new ParseException("a service token's subject must be plugin:<id>", 0);
          }
          return new Identity(Identity.Kind.SERVICE, subject, List.of());
        });
  }

  /** A token saying plugin {@code pluginId} calls plugin {@code audience}. */
  String mint(String pluginId, String audience) {
    Instant now = Instant.now();
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .issuer(ISSUER)
        .subject("plugin:" + pluginId)
        .audience(audience)
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plus(LIFETIME)))
        .jwtID(UUID.randomUUID().toString())
        .build();
    return Es256.sign(key, claims);
  }
}
