package dev.backlot.proxy.endpoints;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One entry of Backstage's {@code proxy.endpoints}, with Backlot's safety settings ({@code
 * internal}, {@code timeout}, {@code maxRequestBytes}); docs/proxy.md describes each key and its
 * default.
 *
 * @param route the path below {@code /api/proxy}, such as {@code /pagerduty}, without a trailing slash
 * @param allowedMethods the methods served; all the router serves unless {@code allowedMethods} is set
 * @param allowedHeaders header names, lower case, that pass both ways besides the safe ones
 */
public record ProxyEndpoint(String route, URI target, Map<String, String> headers, boolean changeOrigin,
    List<PathRewrite> pathRewrite, Set<String> allowedMethods, Set<String> allowedHeaders, Credentials credentials,
    boolean internal, Duration timeout, long maxRequestBytes) {

  /** The path as served, rewritten by the first {@code pathRewrite} rule that matches, or unchanged. */
  public String rewrite(String servedPath) {
    for (PathRewrite rule : pathRewrite) {
      String rewritten = rule.applyTo(servedPath);
      if (rewritten != null) {
        return rewritten;
      }
    }
    return servedPath;
  }

  /** Whether the caller must be signed in (all but {@code dangerously-allow-unauthenticated}). */
  public boolean requiresSignIn() {
    return credentials != Credentials.DANGEROUSLY_ALLOW_UNAUTHENTICATED;
  }

  /** The target's base path with a trailing slash: what every forwarded path starts with. */
  public String basePath() {
    String path = target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath();
    return path.endsWith("/") ? path : path + "/";
  }
}
