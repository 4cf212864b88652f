package dev.backlot.permission.routes;

import dev.backlot.permission.storage.Refused;
import dev.backlot.platform.http.HttpError;

/** A refused change as the error RHDH answers: 404, 409, or 403 for a role another source owns. */
final class Refusals {
  private Refusals() {}

  static HttpError toHttp(Refused refused) {
    return switch (refused.reason()) {
      case NOT_FOUND -> HttpError.notFound(refused.getMessage());
      case CONFLICT -> HttpError.conflict(refused.getMessage());
      case OTHER_SOURCE -> HttpError.notAllowed(refused.getMessage());
    };
  }

  /** The ref a {@code :kind/:namespace/:name} path names. */
  static String ref(dev.backlot.platform.http.Request request) {
    return request.pathParam("kind") + ":" + request.pathParam("namespace") + "/" + request.pathParam("name");
  }
}
