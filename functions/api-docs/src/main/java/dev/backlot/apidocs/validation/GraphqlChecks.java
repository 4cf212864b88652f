package dev.backlot.apidocs.validation;

import java.util.List;
import java.util.regex.Pattern;

/**
 * GraphQL SDL: recognised by its first definition keyword, checked for balanced brackets only.
 * No GraphQL parser is bundled (it would weigh on every cold start for a rare format), so the
 * SDL is stored and served as written and the note says so.
 */
final class GraphqlChecks {
  static final String NOTE = "GraphQL SDL is stored as written; only bracket balance is checked (no GraphQL parser is bundled)";

  private static final Pattern FIRST_DEFINITION =
      Pattern.compile("^(\"\"\"|\"|(type|interface|input|enum|union|scalar|directive|extend|schema)(\\s+[_A-Za-z@]|\\s*\\{|$))");

  private GraphqlChecks() {}

  /** Whether the text starts, after comments, like SDL rather than YAML or JSON. */
  static boolean looksLikeSdl(String text) {
    for (String line : text.lines().limit(200).toList()) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      return FIRST_DEFINITION.matcher(trimmed).find();
    }
    return false;
  }

  static void check(String sdl, List<Problem> errors) {
    if (sdl.isBlank()) {
      errors.add(new Problem("GraphQL schema is empty", null));
      return;
    }
    int depth = 0;
    int line = 1;
    boolean inString = false;
    boolean inComment = false;
    for (int i = 0; i < sdl.length(); i++) {
      char c = sdl.charAt(i);
      if (c == '\n') {
        line++;
        inComment = false;
      } else if (inComment) {
        continue;
      } else if (c == '"') {
        inString = !inString;
      } else if (!inString && c == '#') {
        inComment = true;
      } else if (!inString && (c == '{' || c == '(' || c == '[')) {
        depth++;
      } else if (!inString && (c == '}' || c == ')' || c == ']')) {
        if (--depth < 0) {
          errors.add(new Problem("Unbalanced '" + c + "'", "line " + line));
          return;
        }
      }
    }
    if (depth != 0) {
      errors.add(new Problem("Unclosed bracket at end of schema", "line " + line));
    }
  }
}
