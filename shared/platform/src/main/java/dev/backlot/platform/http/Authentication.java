package dev.backlot.platform.http;

import dev.backlot.platform.auth.Authenticator;

/**
 * Establishes who is calling before any route's handler runs, and before a 404 or 405 is told,
 * so an anonymous caller learns nothing of the routes but the public ones.
 */
final class Authentication implements Filter {
  private final Authenticator authenticator;

  Authentication(Authenticator authenticator) {
    this.authenticator = authenticator;
  }

  @Override
  public Response filter(Request request, Chain chain) throws Exception {
    if (!request.route().access().isPublic()) {
      request.authenticated(authenticator.authenticate(request), () -> callerAuthorization(request));
    }
    return chain.proceed(request);
  }

  /** The forwarded credential when a service called on someone's behalf, else the caller's own (as authentication chose). */
  private String callerAuthorization(Request request) {
    String direct = request.header("Authorization").orElse("");
    java.util.Optional<String> forwarded = request.header("X-Forwarded-Authorization");
    if (forwarded.isPresent() && authenticator.identify(direct).kind() == dev.backlot.platform.auth.Identity.Kind.SERVICE) {
      return forwarded.get();
    }
    return direct;
  }
}
