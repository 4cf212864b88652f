package dev.backlot.scaffolder.actions;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * Glob patterns as Backstage's copyWithoutTemplating and fs:delete give them (globby, dot files
 * included): {@code **} also matches no folder at all, a leading {@code ./} is ignored, and a
 * pattern naming a folder matches everything in it.
 */
final class Globs {
  private final List<PathMatcher> matchers = new ArrayList<>();

  Globs(List<String> patterns) {
    for (String pattern : patterns) {
      String p = pattern.startsWith("./") ? pattern.substring(2) : pattern;
      add(p);
      add(p + "/**");
      while (p.startsWith("**/")) {
        p = p.substring(3);
        add(p);
        add(p + "/**");
      }
    }
  }

  private void add(String pattern) {
    matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + pattern));
  }

  boolean matches(String relativePath) {
    Path path = Path.of(relativePath);
    return matchers.stream().anyMatch(m -> m.matches(path));
  }
}
