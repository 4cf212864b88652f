package dev.backlot.shell;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Backlot user tokens the shell mints ({@code backend.auth.userTokens} in app-config.yaml,
 * where the functions read the same {@code issuer} and {@code audience} to verify them).
 *
 * @param signingKey the EC P-256 private key as a JWK, with its {@code kid}: a secret (Secret
 *     Manager, given to Cloud Run as BACKEND_AUTH_USERTOKENS_SIGNINGKEY; locally the portal's
 *     {@code .backlot/auth/user-key.json})
 * @param previousPublicKeys public JWKs of keys signed with before, still published so tokens they
 *     signed stay valid until they expire: rotate by making the old key the previous one
 */
@ConfigurationProperties("backend.auth.user-tokens")
public record UserTokenSettings(
    @DefaultValue("backlot") String issuer,
    @DefaultValue("backlot") String audience,
    String signingKey,
    List<String> previousPublicKeys,
    @DefaultValue("15m") Duration lifetime) {

  public UserTokenSettings {
    previousPublicKeys = previousPublicKeys == null ? List.of() : List.copyOf(previousPublicKeys);
  }
}
