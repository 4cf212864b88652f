package dev.backlot.local;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.backlot.platform.auth.Es256;
import dev.backlot.platform.auth.ServiceTokens;
import dev.backlot.platform.config.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * The local portal's user-token signing key and shared service key, generated on first use and
 * kept in {@code .backlot/auth/} (git-ignored), so a restart and {@code ./backlot token} agree with
 * a running portal. The shell signs with the user key and publishes its public half (the gateway
 * does when no shell is built); functions get that URL and the service key through the
 * environment that {@code app-config.yaml} reads.
 */
public final class LocalKeys {
  /** What {@code backend.auth.userTokens} in app-config.yaml expects of user tokens. */
  static final String ISSUER = "backlot";
  static final String AUDIENCE = "backlot";
  static final String JWKS_PATH = "/.well-known/jwks.json";

  private final ECKey userKey;
  private final ECKey serviceKey;

  private LocalKeys(ECKey userKey, ECKey serviceKey) {
    this.userKey = userKey;
    this.serviceKey = serviceKey;
  }

  public static LocalKeys in(Path dir) {
    return new LocalKeys(key(dir.resolve("user-key.json")), key(dir.resolve("service-key.json")));
  }

  /**
   * The variables app-config.yaml reads: the service key and, when a server at {@code keysUrl}
   * (the shell, or the gateway when no shell runs) publishes the user keys at {@link #JWKS_PATH},
   * their URL (null: functions accept no user tokens).
   */
  public Map<String, String> environment(String keysUrl) {
    Map<String, String> env = new java.util.HashMap<>();
    env.put("BACKLOT_SERVICE_KEY", serviceKey.toJSONString());
    if (keysUrl != null) {
      env.put("BACKLOT_USER_JWKS_URL", keysUrl + JWKS_PATH);
    }
    return env;
  }

  /** The user-token signing key (private JWK) the shell is given: the one key every local user token is signed with. */
  String userSigningKey() {
    return userKey.toJSONString();
  }

  /** The same, for the shell benchmark, which starts shells of its own with a throwaway key. */
  public String userSigningKeyForBenchmarks() {
    return userSigningKey();
  }

  String publishedKeys() {
    return new JWKSet(userKey.toPublicJWK()).toString(true);
  }

  /** A user token as the shell would mint after SSO, for {@code subject} owning through {@code ownership}. */
  String userToken(String subject, List<String> ownership, Duration lifetime) {
    Instant now = Instant.now();
    JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUDIENCE).subject(subject)
        .claim("ent", ownership).issueTime(Date.from(now)).expirationTime(Date.from(now.plus(lifetime))).build();
    return Es256.sign(userKey, claims);
  }

  /** Credentials the local portal calls plugins with as service principal {@code plugin:<principal>} (the scheduler, the deploy pipeline). */
  public ServiceTokens serviceTokens(String principal) {
    return ServiceTokens.fromConfig(Config.of(Map.of("backend", Map.of("auth", Map.of("serviceTokens",
        Map.of("local", Map.of("privateKey", serviceKey.toJSONString())))))), principal);
  }

  private static ECKey key(Path file) {
    try {
      if (Files.isRegularFile(file)) {
        return ECKey.parse(Files.readString(file));
      }
      ECKey key = new ECKeyGenerator(Curve.P_256).keyIDFromThumbprint(true).generate();
      Files.createDirectories(file.getParent());
      Path partial = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(partial, key.toJSONString());
      try {
        Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // Windows: the folder's own permissions apply.
      }
      Files.move(partial, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      return key;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the local key " + file, e);
    } catch (ParseException | JOSEException e) {
      throw new IllegalStateException(file + " holds no usable key; delete it to make a new one", e);
    }
  }
}
