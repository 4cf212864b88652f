package dev.backlot.apidocs.diff;

import java.util.List;

/** The report as text for consoles and CI logs: one block per operation, channel or type. */
final class ReportText {
  private ReportText() {}

  static String render(List<Change> changes) {
    if (changes.isEmpty()) {
      return "No changes.\n";
    }
    StringBuilder text = new StringBuilder();
    for (Change change : changes) {
      text.append(change.subject()).append(change.breaking() ? "  (breaking)" : "").append('\n');
      for (Finding finding : change.findings()) {
        text.append(finding.breaking() ? "  ✗ " : "  · ").append(finding.rule()).append("  ")
            .append(finding.at().isEmpty() ? "" : finding.at() + ": ").append(finding.message()).append('\n');
      }
      if (change.omitted() > 0) {
        text.append("  … ").append(change.omitted()).append(" more findings not listed\n");
      }
    }
    return text.toString();
  }
}
