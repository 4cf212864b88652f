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
      request.authenticated(authenticator.authenticate(request));
    }
    return chain.proceed(request);
  }
}
