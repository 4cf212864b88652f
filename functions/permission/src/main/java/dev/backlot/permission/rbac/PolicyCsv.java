package dev.backlot.permission.rbac;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * RHDH's policy file ({@code permission.rbac.policies-csv-file}): {@code p, <subject>,
 * <permission or resource type>, <action>, allow|deny} and {@code g, <user or group>, <role>}
 * lines, {@code #} comments and blank lines. A line that does not parse or validate is skipped
 * with a warning naming its number, and the rest loads, as RHDH's {@code CSVFileWatcher} does.
 * Role lines are lower-cased as RHDH's {@code transformPolicyGroupToLowercase} does. Two lines
 * with the same subject, permission and action but different effects are both skipped (RHDH's
 * {@code checkForDuplicatePolicies} refuses each against the other); a repeated line counts once.
 */
public final class PolicyCsv {
  /** The lines that loaded, and a warning for each that did not. */
  public record Parsed(List<RolePolicy> policies, List<RoleMember> members, List<String> warnings) {}

  private PolicyCsv() {}

  public static Parsed parse(String text, String fileName) {
    List<String> warnings = new ArrayList<>();
    Map<RolePolicy, Integer> policies = new LinkedHashMap<>();
    Set<RoleMember> members = new LinkedHashSet<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int number = i + 1;
      Optional<String> problem = read(line, policies, members, number);
      problem.ifPresent(p -> warnings.add("Skipping line " + number + " of " + fileName + ": " + p + "; line=" + abbreviated(line)));
    }
    List<RolePolicy> kept = withoutConflicts(policies, fileName, warnings);
    return new Parsed(kept, List.copyOf(members), List.copyOf(warnings));
  }

  private static Optional<String> read(String line, Map<RolePolicy, Integer> policies, Set<RoleMember> members, int number) {
    List<String> fields;
    try {
      fields = fields(line);
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
    switch (fields.get(0)) {
      case "p" -> {
        if (fields.size() != 5) {
          return Optional.of("a policy line has 5 fields (p, subject, permission, action, effect), this one " + fields.size());
        }
        Optional<String> problem = RolePolicy.problem(fields.get(1), fields.get(2), fields.get(3), fields.get(4));
        if (problem.isEmpty()) {
          policies.putIfAbsent(new RolePolicy(fields.get(1), fields.get(2), fields.get(3), Effect.parse(fields.get(4)).orElseThrow()), number);
        }
        return problem;
      }
      case "g" -> {
        if (fields.size() != 3) {
          return Optional.of("a role line has 3 fields (g, user or group, role), this one " + fields.size());
        }
        String member = fields.get(1).toLowerCase(Locale.ROOT);
        String role = fields.get(2).toLowerCase(Locale.ROOT);
        Optional<String> problem = RoleMember.problem(member, role);
        if (problem.isEmpty()) {
          members.add(new RoleMember(member, role));
        }
        return problem;
      }
      default -> {
        return Optional.of("a line starts with p (a policy) or g (a role member), not '" + fields.get(0) + "'");
      }
    }
  }

  private static List<RolePolicy> withoutConflicts(Map<RolePolicy, Integer> policies, String fileName, List<String> warnings) {
    Map<String, RolePolicy> byRule = new HashMap<>();
    Set<RolePolicy> conflicting = new LinkedHashSet<>();
    for (RolePolicy policy : policies.keySet()) {
      RolePolicy other = byRule.putIfAbsent(policy.subject() + '\0' + policy.permission() + '\0' + policy.action(), policy);
      if (other != null) {
        conflicting.add(other);
        conflicting.add(policy);
      }
    }
    for (RolePolicy policy : conflicting) {
      warnings.add("Skipping line " + policies.get(policy) + " of " + fileName + ": Duplicate policy: " + policy.subject() + ", "
          + policy.permission() + ", " + policy.action() + " with different effect found in the file");
    }
    return policies.keySet().stream().filter(p -> !conflicting.contains(p)).toList();
  }

  /** Comma-separated fields, each trimmed; a field in double quotes may hold commas, {@code ""} is a quote. */
  static List<String> fields(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"' && field.toString().isBlank() && !wasQuoted) {
        field.setLength(0);
        quoted = true;
        wasQuoted = true;
      } else if (c == ',') {
        fields.add(wasQuoted ? field.toString() : field.toString().strip());
        field.setLength(0);
        wasQuoted = false;
      } else if (wasQuoted) {
        if (!Character.isWhitespace(c)) {
          throw new IllegalArgumentException("text after a closing quote at column " + (i + 1));
        }
      } else {
        field.append(c);
      }
    }
    if (quoted) {
      throw new IllegalArgumentException("a quoted field is not closed");
    }
    fields.add(wasQuoted ? field.toString() : field.toString().strip());
    return fields;
  }

  private static String abbreviated(String line) {
    return line.length() <= 120 ? line : line.substring(0, 120) + "…";
  }
}
