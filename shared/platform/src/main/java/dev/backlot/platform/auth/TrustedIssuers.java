package dev.backlot.platform.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.config.ConfigException;
import dev.backlot.platform.http.Access;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which token issuers a function trusts, read from {@code backend.auth}: the shell's user tokens
 * ({@code userTokens}), the shared local service key ({@code serviceTokens.local}) and Google's
 * ID tokens ({@code serviceTokens.google}). A token is checked only by the issuer it names.
 */
final class TrustedIssuers {
  static final String GOOGLE_JWKS = "https://www.googleapis.com/oauth2/v3/certs";
  // Google writes either form into the iss of its ID tokens.
  private static final List<String> GOOGLE_ISSUERS = List.of("https://accounts.google.com", "accounts.google.com");
  private static final Pattern ENTITY_REF = Pattern.compile("[^:/\\s]+:[^:/\\s]+/[^\\s]+");

  private final Map<String, SignedTokens> byIssuer;

  private TrustedIssuers(Map<String, SignedTokens> byIssuer) {
    this.byIssuer = Map.copyOf(byIssuer);
  }

  static TrustedIssuers fromConfig(Config auth, String pluginId, Clock clock) {
    Map<String, SignedTokens> byIssuer = new HashMap<>();
    auth.getOptionalConfig("userTokens").filter(c -> c.has("jwksUrl")).ifPresent(users -> byIssuer.put(
        users.getString("issuer"),
        new SignedTokens(JWSAlgorithm.ES256, new CachedJwks(url(users, "jwksUrl"), clock),
            users.getString("issuer"), users.getString("audience"), TrustedIssuers::user)));
    localServiceKey(auth).ifPresent(key -> byIssuer.put(LocalServiceKey.ISSUER, key.verifier(pluginId)));
    auth.getOptionalConfig("serviceTokens.google").ifPresent(google -> {
      CachedJwks keys = new CachedJwks(google.has("jwksUrl") ? url(google, "jwksUrl") : URI.create(GOOGLE_JWKS), clock);
      Map<String, String> accounts = GoogleAudiences.serviceAccounts(google);
      String audience = GoogleAudiences.accepted(google, pluginId);
      for (String issuer : GOOGLE_ISSUERS) {
        byIssuer.put(issuer, new SignedTokens(JWSAlgorithm.RS256, keys, issuer, audience,
            claims -> serviceAccount(claims, accounts)));
      }
    });
    return new TrustedIssuers(byIssuer);
  }

  static Optional<LocalServiceKey> localServiceKey(Config auth) {
    return auth.getOptionalString("serviceTokens.local.privateKey")
        .map(jwk -> LocalServiceKey.parse(jwk, "backend.auth.serviceTokens.local.privateKey"));
  }

  Optional<SignedTokens> forIssuer(String issuer) {
    return Optional.ofNullable(issuer == null ? null : byIssuer.get(issuer));
  }

  private static Identity user(JWTClaimsSet claims) throws ParseException {
    String subject = claims.getSubject();
    if (subject == null || !ENTITY_REF.matcher(subject).matches()) {
      throw new ParseException("the subject must be an entity ref such as user:default/jdoe", 0);
    }
    List<String> ownership = claims.getStringListClaim("ent");
    if (ownership != null && ownership.contains(null)) {
      throw new ParseException("ent must be a list of entity refs", 0);
    }
    return new Identity(Identity.Kind.USER, subject, ownership == null ? List.of(subject) : ownership);
  }

  /** Anyone can get a Google ID token for any audience: only the named service accounts count. */
  private static Identity serviceAccount(JWTClaimsSet claims, Map<String, String> accounts) throws ParseException {
    String email = claims.getStringClaim("email");
    if (email == null || !Boolean.TRUE.equals(claims.getBooleanClaim("email_verified")) || !accounts.containsKey(email)) {
      throw new ParseException("the service account is not one of backend.auth.serviceTokens.google.serviceAccounts", 0);
    }
    return new Identity(Identity.Kind.SERVICE, Access.SERVICE_PREFIX + accounts.get(email), List.of());
  }

  private static URI url(Config config, String key) {
    String value = config.getString(key);
    if (!value.startsWith("https://") && !value.startsWith("http://")) {
      throw new ConfigException("Invalid URL '" + value + "' at " + key + ": expected http(s)://");
    }
    return URI.create(value);
  }
}
