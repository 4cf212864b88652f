package dev.backlot.platform.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A route path such as {@code /entities/by-name/:kind/:namespace/:name}, written as in Express
 * so Backstage's route tables read the same. Each {@code :param} matches one non-empty segment.
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
  }

  /** The path parameters when {@code path} matches, else null. */
  Map<String, String> match(List<String> pathSegments) {
    if (pathSegments.size() != segments.size()) {
      return null;
    }
    Map<String, String> params = new HashMap<>();
    for (int i = 0; i < segments.size(); i++) {
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

  /** Literal segments win over parameters, so {@code /entities/by-query} beats {@code /entities/:x}. */
  @Override
  public int compareTo(PathTemplate other) {
    for (int i = 0; i < Math.min(segments.size(), other.segments.size()); i++) {
      boolean mine = segments.get(i).startsWith(":");
      boolean theirs = other.segments.get(i).startsWith(":");
      if (mine != theirs) {
        return mine ? 1 : -1;
      }
    }
    return 0;
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
