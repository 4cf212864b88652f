package dev.backlot.platform.manifest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether terraform/ routes the audit events to a log of their own: a {@code
 * google_logging_project_bucket_config} whose retention is a declared variable, and a {@code
 * google_logging_project_sink} into that bucket whose filter selects the entries of the logger
 * {@code AuditLog} writes to, in the services' stdout log. Reads the HCL (locals resolved by name),
 * evaluates nothing.
 */
final class AuditLogRouting {
  private static final Pattern LOCAL = Pattern.compile("\\$\\{local\\.([a-zA-Z0-9_]+)}|^local\\.([a-zA-Z0-9_]+)$");

  private final DeploymentChecks checks;

  AuditLogRouting(Path root) {
    this.checks = new DeploymentChecks(root);
  }

  /** What is wrong, each naming the resource and its file; empty when the audit events are routed. */
  List<String> problems(String auditLogger) {
    List<Hcl.Block> buckets = new ArrayList<>();
    List<Hcl.Block> sinks = new ArrayList<>();
    Map<String, String> locals = new HashMap<>();
    Map<String, Hcl.Block> variables = new HashMap<>();
    for (Hcl.Source source : checks.hclSources()) {
      for (Hcl.Block block : source.blocks()) {
        switch (block.type()) {
          case "resource" -> {
            if (block.label(0).equals("google_logging_project_bucket_config")) {
              buckets.add(block);
            } else if (block.label(0).equals("google_logging_project_sink")) {
              sinks.add(block);
            }
          }
          case "locals" -> block.body().attributes().forEach(a -> locals.put(a.name(), a.text().strip()));
          case "variable" -> variables.put(block.label(0), block);
          default -> { }
        }
      }
    }
    List<String> problems = new ArrayList<>();
    if (buckets.isEmpty()) {
      return List.of("no google_logging_project_bucket_config: the audit events have no log bucket of their own");
    }
    for (Hcl.Block bucket : buckets) {
      Hcl.Attribute retention = bucket.body().attribute("retention_days");
      String name = "google_logging_project_bucket_config." + bucket.label(1) + " (" + bucket.where() + ")";
      if (retention == null || !retention.text().strip().startsWith("var.")) {
        problems.add(name + ": retention_days must be a variable, the audit log's own retention");
      } else if (!variables.containsKey(retention.text().strip().substring("var.".length()))) {
        problems.add(name + ": retention_days names " + retention.text().strip() + ", which is not declared");
      }
    }
    String selects = "jsonPayload.logger=\\\"" + auditLogger + "\\\"";
    boolean routed = false;
    for (Hcl.Block sink : sinks) {
      String name = "google_logging_project_sink." + sink.label(1) + " (" + sink.where() + ")";
      Hcl.Attribute destination = sink.body().attribute("destination");
      Hcl.Attribute filter = sink.body().attribute("filter");
      boolean intoBucket = destination != null && buckets.stream()
          .anyMatch(b -> destination.text().contains("google_logging_project_bucket_config." + b.label(1) + ".id"));
      String resolved = filter == null ? "" : resolved(filter.text().strip(), locals, 0);
      if (!intoBucket) {
        continue;
      }
      if (!resolved.contains(selects)) {
        problems.add(name + ": its filter must select " + selects + " (the logger AuditLog writes to), not: " + resolved);
      } else if (!resolved.contains("run.googleapis.com%2Fstdout")) {
        problems.add(name + ": its filter must read the services' stdout log, where Cloud Run puts structured entries");
      } else {
        routed = true;
      }
    }
    if (!routed && problems.isEmpty()) {
      problems.add("no google_logging_project_sink routes into the audit bucket (destination logging.googleapis.com/${google_logging_project_bucket_config.<name>.id})");
    }
    return problems;
  }

  /** {@code text} with {@code local.x} and {@code ${local.x}} replaced by the locals' values, a few levels deep. */
  private static String resolved(String text, Map<String, String> locals, int depth) {
    if (depth > 5) {
      return text;
    }
    Matcher matcher = LOCAL.matcher(text);
    StringBuilder out = new StringBuilder();
    boolean any = false;
    while (matcher.find()) {
      String name = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
      String value = locals.get(name);
      if (value == null) {
        continue;
      }
      any = true;
      String unquoted = value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value;
      matcher.appendReplacement(out, Matcher.quoteReplacement(unquoted));
    }
    matcher.appendTail(out);
    return any ? resolved(out.toString(), locals, depth + 1) : text;
  }
}
