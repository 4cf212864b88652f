package dev.backlot.catalog.ingestion.rules;

import dev.backlot.platform.config.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A {@code pattern} of a catalog rule's location, matched as Backstage matches it: minimatch with
 * {@code nocase} and {@code dot}. Targets and patterns are split at slashes (a run of slashes is
 * one); {@code *} and {@code ?} match within a segment, a segment {@code **} matches any number of
 * segments, {@code [...]} one character of a class; {@code {a,b}} expands to alternatives; a
 * leading {@code !} negates. Wildcards never match the segments {@code .} and {@code ..}.
 * minimatch's extended globs ({@code +(a|b)} and the like), POSIX classes ({@code [[:alpha:]]}) and
 * brace sequences ({@code {1..3}}) are refused when the config is read, rather than matched
 * otherwise than Backstage would.
 */
final class Glob {
  private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
  /** Bash's {1..3} and {a..e}: refused, like extended globs, rather than matched as written. */
  private static final Pattern SEQUENCE = Pattern.compile("(-?\\d+\\.\\.-?\\d+|[A-Za-z]\\.\\.[A-Za-z])(\\.\\.-?\\d+)?");

  private final boolean negated;
  private final boolean comment;
  /** Each alternative's segments; a null segment is {@code **}. */
  private final List<List<Pattern>> alternatives = new ArrayList<>();

  private Glob(String pattern) {
    // minimatch reads a pattern starting with # as a comment, which matches nothing.
    this.comment = pattern.startsWith("#");
    int bangs = 0;
    while (bangs < pattern.length() && pattern.charAt(bangs) == '!') {
      bangs++;
    }
    this.negated = bangs % 2 == 1;
    String body = pattern.substring(bangs);
    for (String alternative : expandBraces(body)) {
      List<Pattern> segments = new ArrayList<>();
      for (String segment : split(alternative)) {
        segments.add(segment.equals("**") ? null : segment(segment, pattern));
      }
      alternatives.add(segments);
    }
  }

  /** Compiles {@code pattern}; a ConfigException says what in it cannot be read. */
  static Glob compile(String pattern) {
    return new Glob(pattern);
  }

  boolean matches(String target) {
    if (comment) {
      return false;
    }
    List<String> parts = split(target);
    boolean matched = alternatives.stream().anyMatch(segments -> matches(parts, 0, segments, 0));
    return matched != negated;
  }

  private static List<String> split(String path) {
    return List.of(path.replaceAll("/+", "/").split("/", -1));
  }

  /** minimatch's matchOne: the parts from {@code f} on against the segments from {@code p} on. */
  private static boolean matches(List<String> parts, int f, List<Pattern> segments, int p) {
    for (; f < parts.size() && p < segments.size(); f++, p++) {
      Pattern segment = segments.get(p);
      if (segment == null) {
        // ** takes any number of parts, but never . or ..
        for (int taken = f; taken <= parts.size(); taken++) {
          if (matches(parts, taken, segments, p + 1)) {
            return true;
          }
          if (taken < parts.size() && isDots(parts.get(taken))) {
            return false;
          }
        }
        return false;
      }
      if (!segment.matcher(parts.get(f)).matches()) {
        return false;
      }
    }
    // Segments left over match nothing (not even **); a target ending in a slash matches the pattern without it.
    return p == segments.size() && (f == parts.size() || (f == parts.size() - 1 && parts.get(f).isEmpty()));
  }

  private static boolean isDots(String part) {
    return part.equals(".") || part.equals("..");
  }

  /** One segment as a regular expression: wildcards never match an empty, {@code .} or {@code ..} segment. */
  private static Pattern segment(String glob, String pattern) {
    StringBuilder regex = new StringBuilder();
    boolean magic = false;
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if ("+@!*?".indexOf(c) >= 0 && i + 1 < glob.length() && glob.charAt(i + 1) == '(') {
        throw new ConfigException("The catalog rule pattern '" + pattern + "' uses an extended glob (" + c + "(...)), which Backlot does not read");
      }
      if (c == '\\' && i + 1 < glob.length()) {
        regex.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
      } else if (c == '*') {
        magic = true;
        regex.append("[^/]*");
      } else if (c == '?') {
        magic = true;
        regex.append("[^/]");
      } else if (c == '[' && classEnd(glob, i) > 0) {
        magic = true;
        int end = classEnd(glob, i);
        if (glob.substring(i + 1, end).contains("[:")) {
          throw new ConfigException("The catalog rule pattern '" + pattern + "' uses a POSIX character class ([:name:]), which Backlot does not read");
        }
        regex.append(characterClass(glob.substring(i + 1, end)));
        i = end;
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    String prefix = magic ? "(?=.)(?!\\.{1,2}$)" : "";
    return Pattern.compile(prefix + regex, FLAGS);
  }

  /** Where the class opened at {@code open} closes; -1 when it does not, and {@code [} is literal. */
  private static int classEnd(String glob, int open) {
    int i = open + 1;
    if (i < glob.length() && (glob.charAt(i) == '!' || glob.charAt(i) == '^')) {
      i++;
    }
    if (i < glob.length() && glob.charAt(i) == ']') {
      i++;
    }
    for (; i < glob.length(); i++) {
      if (glob.charAt(i) == '\\') {
        i++;
      } else if (glob.charAt(i) == ']') {
        return i;
      }
    }
    return -1;
  }

  private static String characterClass(String members) {
    StringBuilder regex = new StringBuilder("[");
    int i = 0;
    if (!members.isEmpty() && (members.charAt(0) == '!' || members.charAt(0) == '^')) {
      regex.append('^');
      i++;
    }
    for (; i < members.length(); i++) {
      char c = members.charAt(i);
      if (c == '\\' && i + 1 < members.length()) {
        c = members.charAt(++i);
      } else if (c == '-' && i > 0 && i + 1 < members.length()) {
        regex.append('-');
        continue;
      }
      regex.append(Character.isLetterOrDigit(c) ? String.valueOf(c) : "\\" + c);
    }
    return regex.append(']').toString();
  }

  /** Bash's brace expansion, as the brace-expansion package that minimatch uses does it. */
  private static List<String> expandBraces(String glob) {
    int open = -1;
    int close = -1;
    int depth = 0;
    for (int i = 0; i < glob.length() && close < 0; i++) {
      char c = glob.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '{' && depth++ == 0) {
        open = i;
      } else if (c == '}' && depth > 0 && --depth == 0) {
        close = i;
      }
    }
    if (close < 0) {
      return List.of(glob);
    }
    String pre = glob.substring(0, open);
    String body = glob.substring(open + 1, close);
    List<String> options = pre.endsWith("$") ? null : options(body);
    List<String> expanded = new ArrayList<>();
    for (String post : expandBraces(glob.substring(close + 1))) {
      if (options == null) {
        expanded.add(pre + "{" + body + "}" + post);
        continue;
      }
      for (String option : options) {
        for (String inner : expandBraces(option)) {
          expanded.add(pre + inner + post);
        }
      }
    }
    return expanded;
  }

  /** The alternatives a brace body stands for; null when it is none ({@code {a}} stays as written). */
  private static List<String> options(String body) {
    List<String> options = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '{') {
        depth++;
      } else if (c == '}') {
        depth--;
      } else if (c == ',' && depth == 0) {
        options.add(body.substring(start, i));
        start = i + 1;
      }
    }
    if (options.isEmpty()) {
      if (SEQUENCE.matcher(body).matches()) {
        throw new ConfigException("The catalog rule pattern has a brace sequence {" + body + "}, which Backlot does not read; list the alternatives");
      }
      return null;
    }
    options.add(body.substring(start));
    return options;
  }
}
