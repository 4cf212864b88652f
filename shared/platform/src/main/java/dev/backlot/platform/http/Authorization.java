package dev.backlot.platform.http;

import dev.backlot.platform.auth.AdminGroups;
import dev.backlot.platform.auth.Identity;

/**
 * Refuses every caller the route's {@link Access} does not name, with a 403 that says what the
 * route is for and nothing about who the admins are.
 */
final class Authorization implements Filter {
  private final AdminGroups admins;

  Authorization(AdminGroups admins) {
    this.admins = admins;
  }

  @Override
  public Response filter(Request request, Chain chain) throws Exception {
    Access access = request.route().access();
    if (!access.isPublic()) {
      Identity caller = request.identityIfAny()
          .orElseThrow(() -> HttpError.authenticationError("Missing credentials"));
      if (!access.admits(caller, admins.includes(caller))) {
        throw HttpError.notAllowed("Not allowed: " + request.method() + " " + request.route().path() + " is for " + access);
      }
    }
    return chain.proceed(request);
  }
}
