package dev.backlot.platform.auth;

import dev.backlot.platform.config.Config;
import dev.backlot.platform.http.HttpError;
import dev.backlot.platform.http.Request;

/**
 * Tells who made a request, or refuses it with a 401 in Backstage's shape. The router asks it on
 * every route except {@code /healthcheck}.
 */
public interface Authenticator {
  /** The caller's identity; throws {@link HttpError} 401 when the request carries no valid credential. */
  Identity authenticate(Request request);

  /**
   * The identity an {@code Authorization} header value proves, checked as {@link #authenticate}
   * checks a request's; for code that verifies callers outside a function's router (the shell's
   * tests verify the tokens it forwards with it).
   */
  Identity identify(String authorization);

  /**
   * Accepts what {@code backend.auth} configures for plugin {@code pluginId}: Backlot user tokens,
   * service tokens (local or Google-signed) and {@code externalAccess} static tokens. Invalid
   * settings fail here, at start-up, not on the first request.
   */
  static Authenticator fromConfig(Config config, String pluginId) {
    return CallerVerification.fromConfig(config.getOptionalConfig("backend.auth").orElse(Config.empty()), pluginId);
  }

  /**
   * Puts a throwaway token through verification; run on a spare core while a function starts, it
   * takes JOSE's and the EC provider's first-use cost off the first request.
   */
  static void warmUp() {
    LocalServiceKey.rehearseVerification();
  }
}
