package dev.backlot.apidocs.diff;

import java.util.List;

/**
 * Two versions compared: the verdict, every change, and openapi-diff's own readable report.
 *
 * @param breaking whether any change breaks existing clients
 * @param result openapi-diff's overall verdict: {@code no_changes}, {@code metadata},
 *     {@code compatible} or {@code incompatible}
 * @param changes the changes, breaking ones first
 * @param summary a readable report, as openapi-diff prints it for consoles
 */
public record DiffReport(boolean breaking, String result, List<Change> changes, String summary) {
  public DiffReport {
    changes = List.copyOf(changes);
  }
}
