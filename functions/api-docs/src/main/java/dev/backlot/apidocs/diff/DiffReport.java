package dev.backlot.apidocs.diff;

import java.util.List;

/**
 * Two versions compared: the verdict, the changes grouped by operation, channel or type, and a
 * readable report.
 *
 * @param breaking whether any change breaks existing clients
 * @param result {@code no_changes}, {@code compatible} or {@code incompatible}
 * @param changes one per operation, channel or type that changed, breaking ones first
 * @param summary the same as readable text, for consoles and CI logs
 * @param format {@code openapi}, {@code asyncapi} or {@code graphql}
 * @param breakingCount findings that break clients, over all changes
 */
public record DiffReport(boolean breaking, String result, List<Change> changes, String summary, String format, long breakingCount) {
  public DiffReport {
    changes = List.copyOf(changes);
  }

  static DiffReport of(String format, List<Change> changes) {
    List<Change> sorted = changes.stream().sorted((a, b) -> Boolean.compare(b.breaking(), a.breaking())).toList();
    boolean breaking = sorted.stream().anyMatch(Change::breaking);
    long breakingCount = sorted.stream().mapToLong(c -> c.findings().stream().filter(Finding::breaking).count()).sum();
    String result = breaking ? "incompatible" : sorted.isEmpty() ? "no_changes" : "compatible";
    return new DiffReport(breaking, result, sorted, ReportText.render(sorted), format, breakingCount);
  }
}
