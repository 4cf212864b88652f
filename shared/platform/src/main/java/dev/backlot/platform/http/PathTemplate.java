package dev.backlot.platform.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A route path such as {@code /entities/by-name/:kind/:namespace/:name}, written as in Express
 * so Backstage's route tables read the same. Each {@code :param} matches one non-empty segment; a
 * last segment {@code *} matches whatever follows, no segment or many (the proxy's
 * {@code /pagerduty/*}), and hands it over undecoded as the parameter {@code *}.
 */
final class PathTemplate implements Comparable<PathTemplate> {
  private final String template;
  private final List<String> segments;

  PathTemplate(String template) {
    if (!template.startsWith("/")) {
      throw new IllegalArgumentException("route must start with '/': " + template);
    }
    this.template = template;
    this.segments = split(template);
    for (String segment : segments) {
      if (segment.equals(":")) {
        throw new IllegalArgumentException("unnamed path parameter in " + template);
      }
    }
    if (segments.indexOf(REST) >= 0 && segments.indexOf(REST) != segments.size() - 1) {
      throw new IllegalArgumentException("'*' may only be the last segment: " + template);
    }
  }

  /** The segment that matches the rest of the path, and the name of the parameter that holds it. */
  static final String REST = "*";

  private boolean endsWithRest() {
    return !segments.isEmpty() && segments.getLast().equals(REST);
  }

  /** The path parameters when {@code path} matches, else null. */
  Map<String, String> match(List<String> pathSegments) {
    int fixed = endsWithRest() ? segments.size() - 1 : segments.size();
    if (endsWithRest() ? pathSegments.size() < fixed : pathSegments.size() != fixed) {
      return null;
    }
    Map<String, String> params = new HashMap<>();
    if (endsWithRest()) {
      params.put(REST, String.join("/", pathSegments.subList(fixed, pathSegments.size())));
    }
    for (int i = 0; i < fixed; i++) {
      String expected = segments.get(i);
      String actual = pathSegments.get(i);
      if (expected.startsWith(":")) {
        if (actual.isEmpty()) {
          return null;
        }
        params.put(expected.substring(1), URLDecoder.decode(actual.replace("+", "%2B"), StandardCharsets.UTF_8));
      } else if (!expected.equals(actual)) {
        return null;
      }
    }
    return params;
  }

  static List<String> split(String path) {
    String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    if (trimmed.equals("/")) {
      return List.of();
    }
    return List.of(trimmed.substring(1).split("/", -1));
  }

  /**
   * Literal segments win over parameters, and parameters over {@code *}, so {@code
   * /entities/by-query} beats {@code /entities/:x}, and {@code /healthcheck} beats {@code /*}.
   */
  @Override
  public int compareTo(PathTemplate other) {
    for (int i = 0; i < Math.min(segments.size(), other.segments.size()); i++) {
      int mine = generality(segments.get(i));
      int theirs = generality(other.segments.get(i));
      if (mine != theirs) {
        return Integer.compare(mine, theirs);
      }
    }
    return 0;
  }

  private static int generality(String segment) {
    return segment.equals(REST) ? 2 : segment.startsWith(":") ? 1 : 0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PathTemplate other && normalized().equals(other.normalized());
  }

  @Override
  public int hashCode() {
    return normalized().hashCode();
  }

  /** Two templates that differ only in parameter names match the same paths. */
  private String normalized() {
    return String.join("/", segments.stream().map(s -> s.startsWith(":") ? ":" : s).toList());
  }

  @Override
  public String toString() {
    return template;
  }
}
