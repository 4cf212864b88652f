package dev.backlot.apidocs.diff;

import java.util.List;

/**
 * What changed in one operation, channel or type, with every rule that fired there.
 *
 * @param kind {@code endpoint-removed}, {@code endpoint-added}, {@code endpoint-deprecated} or
 *     {@code operation-changed} (OpenAPI); {@code channel-…} and {@code operation-…} (AsyncAPI);
 *     {@code type-changed} (GraphQL); {@code document-changed} for what applies to the whole
 * @param method HTTP method upper case; the AsyncAPI action; the GraphQL type kind
 * @param path the path template; the AsyncAPI channel; the GraphQL type name
 * @param breaking whether any finding here breaks clients of the older version
 * @param details each finding as one readable line (what the report showed before findings existed)
 * @param subject the group's name as the report shows it, e.g. {@code GET /pets/{petId}}
 * @param findings the rules that fired, breaking ones first
 * @param omitted findings beyond the kept ones ({@link DiffBudget#maxFindings()}), counted only
 */
public record Change(String kind, String method, String path, boolean breaking, List<String> details, String subject,
    List<Finding> findings, long omitted) {
  public Change {
    details = List.copyOf(details);
    findings = List.copyOf(findings);
  }

  /** A change made of {@code found}: breaking when any finding is, details from the findings. */
  static Change of(String kind, String method, String path, String subject, Findings found) {
    List<Finding> sorted = found.list().stream().sorted((a, b) -> Boolean.compare(b.breaking(), a.breaking())).toList();
    List<String> details = sorted.stream()
        .map(f -> (f.at().isEmpty() ? "" : f.at() + ": ") + f.message() + " [" + f.rule() + (f.breaking() ? ", breaking" : "") + "]")
        .toList();
    return new Change(kind, method, path, sorted.stream().anyMatch(Finding::breaking), details, subject, sorted, found.dropped());
  }
}
