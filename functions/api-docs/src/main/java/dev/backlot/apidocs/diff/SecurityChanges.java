package dev.backlot.apidocs.diff;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * An operation's security: a list of alternatives, each naming the schemes (with scopes) a client
 * must satisfy together. A client satisfied one of the older alternatives; the change breaks it
 * when that alternative is gone or asks for more scopes, or when an open operation starts asking.
 */
final class SecurityChanges {
  private SecurityChanges() {}

  static void compare(List<Map<String, Set<String>>> before, List<Map<String, Set<String>>> after, Findings found) {
    boolean wasOpen = open(before);
    boolean isOpen = open(after);
    if (wasOpen && !isOpen) {
      found.add("api-security-added", true, "security", "now requires " + describe(after));
      return;
    }
    if (!wasOpen && isOpen) {
      found.add("api-security-removed", false, "security", "no longer requires " + describe(before));
      return;
    }
    if (wasOpen) {
      return;
    }
    for (Map<String, Set<String>> alternative : before) {
      Map<String, Set<String>> kept = after.stream().filter(a -> a.keySet().equals(alternative.keySet())).findFirst().orElse(null);
      if (kept == null) {
        found.add("api-security-alternative-removed", true, "security", describe(List.of(alternative)) + " no longer accepted");
        continue;
      }
      for (Map.Entry<String, Set<String>> scheme : alternative.entrySet()) {
        Set<String> added = new TreeSet<>(kept.get(scheme.getKey()));
        added.removeAll(scheme.getValue());
        Set<String> removed = new TreeSet<>(scheme.getValue());
        removed.removeAll(kept.get(scheme.getKey()));
        if (!added.isEmpty()) {
          found.add("api-security-scope-added", true, "security " + scheme.getKey(), "scopes now required: " + added);
        }
        if (!removed.isEmpty()) {
          found.add("api-security-scope-removed", false, "security " + scheme.getKey(), "scopes no longer required: " + removed);
        }
      }
    }
    for (Map<String, Set<String>> alternative : after) {
      if (before.stream().noneMatch(a -> a.keySet().equals(alternative.keySet()))) {
        found.add("api-security-alternative-added", false, "security", describe(List.of(alternative)) + " now also accepted");
      }
    }
  }

  /** No requirement, or an empty one among the alternatives: anonymous clients are served. */
  private static boolean open(List<Map<String, Set<String>>> alternatives) {
    return alternatives.isEmpty() || alternatives.stream().anyMatch(Map::isEmpty);
  }

  private static String describe(List<Map<String, Set<String>>> alternatives) {
    return String.join(" or ", alternatives.stream().map(a -> String.join(" + ", a.keySet())).toList());
  }
}
