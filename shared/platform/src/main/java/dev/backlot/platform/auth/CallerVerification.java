package dev.backlot.platform.auth;

import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.config.ConfigException;
import dev.backlot.platform.http.Access;
import dev.backlot.platform.http.HttpError;
import dev.backlot.platform.http.Request;
import java.text.ParseException;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The platform's authenticator: a bearer token in {@code Authorization} is a configured static
 * token, or a JWT checked by the issuer it names. When a service (API Gateway in GCP) calls on
 * behalf of someone and forwards their token in {@code X-Forwarded-Authorization}, as API Gateway
 * does, the forwarded token decides who is calling. API Gateway also passes on requests that
 * carried no token, with only its own: a proxy's token without a forwarded one is refused, or
 * anyone on the internet would call as the gateway's service account.
 */
final class CallerVerification implements Authenticator {
  private static final String BEARER = "bearer ";

  private final StaticTokens staticTokens;
  private final TrustedIssuers issuers;
  private final String pluginId;
  private final Set<String> proxies;
  private final VerifiedTokens verified;
  private final OnBehalfOf onBehalfOf;

  CallerVerification(StaticTokens staticTokens, TrustedIssuers issuers, String pluginId, Set<String> proxies, Clock clock) {
    this(staticTokens, issuers, pluginId, proxies, clock, OnBehalfOf.fromConfig(Config.empty()));
  }

  CallerVerification(StaticTokens staticTokens, TrustedIssuers issuers, String pluginId, Set<String> proxies, Clock clock,
      OnBehalfOf onBehalfOf) {
    this.onBehalfOf = onBehalfOf;
    this.verified = new VerifiedTokens(clock);
    this.staticTokens = staticTokens;
    this.issuers = issuers;
    this.pluginId = pluginId;
    this.proxies = proxies;
  }

  static CallerVerification fromConfig(Config auth, String pluginId) {
    return fromConfig(auth, pluginId, Clock.systemUTC());
  }

  static CallerVerification fromConfig(Config auth, String pluginId, Clock clock) {
    Set<String> proxies = auth.getOptionalConfig("serviceTokens.google").map(CallerVerification::proxySubjects).orElse(Set.of());
    return new CallerVerification(StaticTokens.fromConfig(auth), TrustedIssuers.fromConfig(auth, pluginId, clock), pluginId, proxies, clock,
        OnBehalfOf.fromConfig(auth));
  }

  /** The principals of the proxy accounts; each must be one of the named service accounts. */
  private static Set<String> proxySubjects(Config google) {
    Map<String, String> names = GoogleAudiences.serviceAccounts(google);
    return GoogleAudiences.proxyServiceAccounts(google).stream().map(email -> {
      String name = names.get(email);
      if (name == null) {
        throw new ConfigException("backend.auth.serviceTokens.google.proxyServiceAccounts: " + email + " is not one of serviceAccounts");
      }
      return Access.SERVICE_PREFIX + name;
    }).collect(Collectors.toUnmodifiableSet());
  }

  @Override
  public Identity authenticate(Request request) {
    Identity caller = direct(request);
    Optional<String> person = request.header(OnBehalfOf.HEADER);
    return person.isEmpty() ? caller : onBehalfOf.person(caller, person.get(), request.header(OnBehalfOf.OWNERSHIP_HEADER).orElse(null));
  }

  /** The caller as its credentials say: the forwarded token's owner when a service forwards one. */
  private Identity direct(Request request) {
    Identity caller = identify(request.header("Authorization")
        .orElseThrow(() -> HttpError.authenticationError("Missing credentials")));
    Optional<String> forwarded = request.header("X-Forwarded-Authorization");
    if (caller.kind() == Identity.Kind.SERVICE && forwarded.isPresent()) {
      return identify(forwarded.get());
    }
    if (proxies.contains(caller.subject())) {
      throw HttpError.authenticationError("Missing credentials: the request reached " + pluginId + " through "
          + caller.subject() + " without a token of its own");
    }
    return caller;
  }

  @Override
  public Identity identify(String authorization) {
    if (!authorization.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
      throw HttpError.authenticationError("Invalid credentials: expected a bearer token");
    }
    String token = authorization.substring(BEARER.length()).trim();
    Optional<Identity> external = staticTokens.identify(token, pluginId);
    if (external.isPresent()) {
      return external.get();
    }
    Optional<Identity> seen = verified.identityOf(token);
    if (seen.isPresent()) {
      return seen.get();
    }
    JWT jwt;
    try {
      jwt = JWTParser.parse(token);
    } catch (ParseException e) {
      throw HttpError.authenticationError("Invalid token: not a known static token nor a JWT");
    }
    if (!(jwt instanceof SignedJWT signed)) {
      throw HttpError.authenticationError("Invalid token: unsigned and encrypted tokens are not accepted");
    }
    JWTClaimsSet claims;
    try {
      claims = signed.getJWTClaimsSet();
    } catch (ParseException e) {
      throw HttpError.authenticationError("Invalid token: its claims are not valid JSON");
    }
    Identity identity = issuers.forIssuer(claims.getIssuer())
        .orElseThrow(() -> HttpError.authenticationError("Invalid token: its issuer is not trusted"))
        .verify(signed);
    // Every verifier requires exp; without one the token is simply verified again next time.
    if (claims.getExpirationTime() != null) {
      verified.remember(token, identity, claims.getExpirationTime().toInstant());
    }
    return identity;
  }
}
