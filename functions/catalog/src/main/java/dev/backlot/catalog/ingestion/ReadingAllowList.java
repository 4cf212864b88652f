package dev.backlot.catalog.ingestion;

import dev.backlot.platform.config.Config;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Backstage's {@code backend.reading.allow}: which URLs the catalog may fetch. Each rule names a
 * host ({@code example.com}, {@code *.example.com}), optionally a port or port range
 * ({@code :8080}, {@code :8000-8100}) and path prefixes. Nothing else is fetched.
 */
public final class ReadingAllowList {
  private record Rule(String host, boolean wildcard, int fromPort, int toPort, List<String> paths) {
    boolean allows(URI uri) {
      String actual = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
      boolean hostMatches = wildcard ? actual.endsWith("." + host) : actual.equals(host);
      int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
      boolean portMatches = fromPort == -1 ? uri.getPort() == -1 : port >= fromPort && port <= toPort;
      String path = normalizedPath(uri);
      return hostMatches && portMatches && path != null && (paths.isEmpty() || paths.stream().anyMatch(path::startsWith));
    }
  }

  /** Allows nothing. */
  public static final ReadingAllowList NONE = new ReadingAllowList(List.of());

  private final List<Rule> rules;

  private ReadingAllowList(List<Rule> rules) {
    this.rules = rules;
  }

  public static ReadingAllowList of(Config config) {
    return new ReadingAllowList(config.getOptionalConfigList("backend.reading.allow").orElse(List.of()).stream()
        .map(ReadingAllowList::rule)
        .toList());
  }

  private static Rule rule(Config rule) {
    String host = rule.getString("host").toLowerCase(Locale.ROOT);
    int fromPort = -1;
    int toPort = -1;
    int colon = host.lastIndexOf(':');
    if (colon >= 0) {
      String ports = host.substring(colon + 1);
      host = host.substring(0, colon);
      String[] range = ports.split("-", 2);
      fromPort = Integer.parseInt(range[0]);
      toPort = range.length == 2 ? Integer.parseInt(range[1]) : fromPort;
    }
    boolean wildcard = host.startsWith("*.");
    return new Rule(wildcard ? host.substring(2) : host, wildcard, fromPort, toPort,
        rule.getOptionalStringList("paths").orElse(List.of()));
  }

  /**
   * The path as the server will see it: dot segments resolved, encoded ones ({@code %2e%2e})
   * included, as a WHATWG URL parser (Backstage's) resolves them, so {@code /acme/../elsewhere}
   * is checked as {@code /elsewhere}; null for a path that climbs above the root.
   */
  static String normalizedPath(URI uri) {
    String raw = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    String dotsDecoded = raw.replaceAll("(?i)%2e", ".");
    String path = URI.create(dotsDecoded.startsWith("/") ? dotsDecoded : "/" + dotsDecoded).normalize().getPath();
    return path.equals("/..") || path.startsWith("/../") ? null : path;
  }

  /** Whether {@code target} is a URL the rules allow; what is no URL is not. */
  public boolean allows(String target) {
    try {
      return allows(URI.create(target));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  public boolean allows(URI uri) {
    boolean web = "https".equals(uri.getScheme()) || "http".equals(uri.getScheme());
    boolean plain = uri.getRawUserInfo() == null && uri.getRawFragment() == null;
    return web && plain && rules.stream().anyMatch(rule -> rule.allows(uri));
  }
}
