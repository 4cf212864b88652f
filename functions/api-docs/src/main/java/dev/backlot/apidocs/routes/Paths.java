package dev.backlot.apidocs.routes;

import dev.backlot.apidocs.storage.ApiRef;
import dev.backlot.apidocs.storage.DefinitionStore;
import dev.backlot.apidocs.storage.VersionInfo;
import dev.backlot.apidocs.validation.DefinitionFormat;
import dev.backlot.platform.http.HttpError;
import dev.backlot.platform.http.Request;

/** Reads the API, version and format a request names, answering 400 or 404 for bad ones. */
final class Paths {
  private Paths() {}

  static ApiRef api(Request request) {
    try {
      return new ApiRef(request.pathParam("namespace"), request.pathParam("name"));
    } catch (IllegalArgumentException e) {
      throw HttpError.inputError(e.getMessage());
    }
  }

  static VersionInfo version(DefinitionStore store, ApiRef api, String version) {
    return store.version(api, version).orElseThrow(() -> HttpError.notFound(
        DefinitionStore.LATEST.equals(version) ? "No definition stored for " + api : "No version " + version + " of " + api));
  }

  /** The {@code format} query parameter, the caller's word on what the body is; null when absent. */
  static DefinitionFormat formatHint(Request request) {
    String format = request.query("format").orElse(null);
    if (format == null) {
      return null;
    }
    return DefinitionFormat.byId(format)
        .orElseThrow(() -> HttpError.inputError("Unknown format '" + format + "', expected openapi, asyncapi or graphql"));
  }

  /** {@code strict=true}: refuse a definition with validation errors instead of storing or checking it. */
  static boolean strict(Request request) {
    String strict = request.query("strict").orElse("false");
    return switch (strict) {
      case "true" -> true;
      case "false" -> false;
      default -> throw HttpError.inputError("strict must be true or false");
    };
  }
}
