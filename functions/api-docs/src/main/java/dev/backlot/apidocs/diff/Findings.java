package dev.backlot.apidocs.diff;

import java.util.ArrayList;
import java.util.List;

/** Findings collected for one operation, channel or type, at most {@link DiffBudget#maxFindings()} kept. */
final class Findings {
  private final int max;
  private final List<Finding> kept = new ArrayList<>();
  /** Saturates: references can multiply findings beyond any counter. */
  private long dropped;

  Findings(int max) {
    this.max = max;
  }

  void add(Finding finding) {
    if (kept.size() < max) {
      kept.add(finding);
    } else {
      drop(1);
    }
  }

  void add(String rule, boolean breaking, String at, String message) {
    add(new Finding(rule, breaking, at, message));
  }

  void addAll(List<Finding> findings, String under) {
    int room = Math.max(0, max - kept.size());
    for (int i = 0; i < Math.min(room, findings.size()); i++) {
      kept.add(findings.get(i).under(under));
    }
    drop(Math.max(0, findings.size() - room));
  }

  /** Findings of a nested comparison: kept ones placed under {@code under}, dropped ones counted. */
  void addAll(Findings nested, String under) {
    addAll(nested.kept, under);
    drop(nested.dropped);
  }

  /** Findings of a schema comparison, placed in their context: {@code response 200 application/json: items[].id}. */
  void addInContext(Findings nested, String context) {
    for (Finding finding : nested.kept) {
      add(finding.rule(), finding.breaking(), finding.at().isEmpty() ? context : context + ": " + finding.at(), finding.message());
    }
    drop(nested.dropped);
  }

  List<Finding> list() {
    return kept;
  }

  long dropped() {
    return dropped;
  }

  private void drop(long count) {
    dropped = dropped + count < 0 ? Long.MAX_VALUE : dropped + count;
  }

  long breakingCount() {
    return kept.stream().filter(Finding::breaking).count();
  }
}
