package dev.backlot.proxy.forwarding;

import dev.backlot.platform.http.HttpError;
import dev.backlot.proxy.endpoints.ProxyEndpoint;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Where a request goes: the path below the endpoint's route appended to its target's path, as
 * Backstage's proxy does ({@code /api/proxy/pagerduty/services?x=1} to {@code
 * https://api.pagerduty.com/services?x=1}), or what the endpoint's {@code pathRewrite} makes of
 * the path as served. The caller chooses only the path below the route, and cannot leave the
 * target's base path: dot segments (also percent-encoded, once or twice), backslashes and empty
 * segments ({@code //host}) are refused with a 400, and the URI built must keep the target's
 * scheme, host, port and base path.
 */
public final class TargetPath {
  private static final int DECODE_ROUNDS = 3;

  private final ProxyEndpoint endpoint;
  private final String servedPrefix;

  /** {@code routePrefix} is where the function is served, {@code /api/proxy}. */
  public TargetPath(ProxyEndpoint endpoint, String routePrefix) {
    this.endpoint = endpoint;
    this.servedPrefix = routePrefix + endpoint.route();
  }

  /** The target URI for {@code path} (below {@code /api/proxy}, still encoded) and {@code rawQuery}. */
  URI of(String path, String rawQuery) {
    String rest = path.substring(Math.min(endpoint.route().length(), path.length()));
    refuseEscapes(rest);
    String served = servedPrefix + rest + (rawQuery == null ? "" : "?" + rawQuery);
    String rewritten = endpoint.pathRewrite().isEmpty() ? rest + (rawQuery == null ? "" : "?" + rawQuery) : endpoint.rewrite(served);
    int queryAt = rewritten.indexOf('?');
    String rewrittenPath = queryAt < 0 ? rewritten : rewritten.substring(0, queryAt);
    String query = queryAt < 0 ? null : rewritten.substring(queryAt + 1);
    // As http-proxy joins them: the target's path, a slash, the rest; runs of slashes become one.
    String joined = (endpoint.target().getRawPath() + "/" + rewrittenPath).replaceAll("/+", "/");
    URI target;
    try {
      target = URI.create(endpoint.target().getScheme() + "://" + endpoint.target().getRawAuthority() + joined
          + (query == null ? "" : "?" + query));
    } catch (IllegalArgumentException e) {
      throw HttpError.inputError("Proxy path is not a valid URL path");
    }
    boolean stays = target.getHost() != null && target.getHost().equalsIgnoreCase(endpoint.target().getHost())
        && target.getPort() == endpoint.target().getPort() && target.getRawUserInfo() == null
        && (target.getRawPath() + "/").startsWith(endpoint.basePath()) && !hasDotSegment(target.getRawPath());
    if (!stays) {
      throw HttpError.inputError("Proxy path leaves the target's base path");
    }
    return target;
  }

  private static void refuseEscapes(String rest) {
    if (!rest.isEmpty() && !rest.startsWith("/")) {
      // The route /pager must not match /pagerduty.
      throw HttpError.notFound("No proxy route for this path");
    }
    String body = rest.endsWith("/") ? rest.substring(0, rest.length() - 1) : rest;
    if (body.contains("//") || hasDotSegment(body) || body.indexOf('\\') >= 0) {
      throw HttpError.inputError("Proxy path may not contain '.', '..' or empty segments, or backslashes");
    }
  }

  /**
   * Whether any segment is '.' or '..', as written or after up to three rounds of
   * percent-decoding, where a decoded slash or backslash splits it further ({@code ..%2F},
   * {@code %2e%2e%5c}); an encoded slash between names ({@code group%2Fproject}) is no escape.
   */
  private static boolean hasDotSegment(String path) {
    for (String segment : path.split("/", -1)) {
      String decoded = segment;
      for (int round = 0; round <= DECODE_ROUNDS; round++) {
        for (String part : decoded.split("[/\\\\]", -1)) {
          if (part.equals(".") || part.equals("..")) {
            return true;
          }
        }
        if (round > 0 && decoded.indexOf('\\') >= 0) {
          return true;
        }
        String next;
        try {
          next = URLDecoder.decode(decoded.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
          return true;
        }
        if (next.equals(decoded)) {
          break;
        }
        decoded = next;
      }
    }
    return false;
  }
}
