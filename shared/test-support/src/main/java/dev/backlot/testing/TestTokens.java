package dev.backlot.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Valid credentials for tests that call functions: a test's config goes through {@link
 * #withAuth}, which points {@code backend.auth} at a shared loopback JWKS server, and its
 * requests carry {@link #authorization()}. Tests of the verification itself build their own
 * claims with {@link #userClaims} and sign with {@link #sign}.
 */
public final class TestTokens {
  public static final String ISSUER = "backlot-test";
  public static final String AUDIENCE = "backlot";
  public static final String GUEST = "user:default/guest";

  private static final ECKey USER_KEY = newKey("test-user-key");
  private static final ECKey SERVICE_KEY = newKey("test-service-key");
  private static JwksServer jwks;

  private TestTokens() {}

  /** The loopback JWKS server publishing the user key, started on first use. */
  public static synchronized JwksServer jwks() {
    if (jwks == null) {
      jwks = JwksServer.start(USER_KEY);
    }
    return jwks;
  }

  /**
   * {@code config} with {@code backend.auth.userTokens} (signed by {@link #userKey()}) and {@code
   * backend.auth.serviceTokens.local} (the test service key) added to what it configures already.
   */
  public static Map<String, Object> withAuth(Map<String, ?> config) {
    Map<String, Object> merged = new LinkedHashMap<>(config);
    Map<String, Object> backend = section(merged, "backend");
    Map<String, Object> auth = section(backend, "auth");
    auth.putIfAbsent("userTokens", Map.of("jwksUrl", jwks().url(), "issuer", ISSUER, "audience", AUDIENCE));
    auth.putIfAbsent("serviceTokens", Map.of("local", Map.of("privateKey", SERVICE_KEY.toJSONString())));
    return merged;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> section(Map<String, Object> parent, String key) {
    Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) parent.getOrDefault(key, Map.of()));
    parent.put(key, copy);
    return copy;
  }

  /** {@code Bearer <token>} of the guest user, the value of an {@code Authorization} header. */
  public static String authorization() {
    return "Bearer " + userToken(GUEST);
  }

  /** A valid user token for {@code subject} owning through {@code ownership} (the user itself when none). */
  public static String userToken(String subject, String... ownership) {
    return sign(USER_KEY, userClaims(subject).claim("ent", ownership.length == 0 ? List.of(subject) : List.of(ownership)).build());
  }

  /** Claims of a valid user token for an hour from now, to vary before signing. */
  public static JWTClaimsSet.Builder userClaims(String subject) {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUDIENCE).subject(subject)
        .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofHours(1))));
  }

  public static ECKey userKey() {
    return USER_KEY;
  }

  /** The private JWK of {@code backend.auth.serviceTokens.local.privateKey} in {@link #withAuth}. */
  public static ECKey serviceKey() {
    return SERVICE_KEY;
  }

  public static ECKey newKey(String keyId) {
    try {
      return new ECKeyGenerator(Curve.P_256).keyID(keyId).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** ES256 over {@code claims}, with {@code key}'s id in the header. */
  public static String sign(ECKey key, JWTClaimsSet claims) {
    SignedJWT token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(), claims);
    try {
      token.sign(new ECDSASigner(key));
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    return token.serialize();
  }
}
