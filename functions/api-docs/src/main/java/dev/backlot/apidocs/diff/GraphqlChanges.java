package dev.backlot.apidocs.diff;

import graphql.schema.diff.DiffCategory;
import graphql.schema.diff.DiffEvent;
import graphql.schema.diff.DiffLevel;
import graphql.schema.diff.SchemaDiff;
import graphql.schema.diff.SchemaDiffSet;
import graphql.schema.diff.reporting.CapturingReporter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * GraphQL SDL compared with graphql-java's schema diff, its classification kept: its breaking
 * events (removed types, fields and arguments, stricter nullability, new required arguments) break
 * clients; dangerous and informational ones do not, the dangerous ones marked so.
 */
final class GraphqlChanges {
  private GraphqlChanges() {}

  static List<Change> changes(String olderSdl, String newerSdl, DiffBudget.Meter meter) {
    CapturingReporter reporter = new CapturingReporter();
    try {
      new SchemaDiff().diffSchema(SchemaDiffSet.diffSetFromSdl(olderSdl, newerSdl), reporter);
    } catch (graphql.GraphQLException e) {
      throw new IllegalArgumentException("The GraphQL schemas cannot be compared: " + e.getMessage(), e);
    }
    Map<String, Findings> byType = new LinkedHashMap<>();
    Map<String, String> kinds = new LinkedHashMap<>();
    for (DiffEvent event : reporter.getEvents()) {
      meter.spend(1);
      if (event.getCategory() == null) {
        continue; // "Examining type …" progress notes, no change
      }
      String type = event.getTypeName() == null ? "schema" : event.getTypeName();
      kinds.putIfAbsent(type, event.getTypeKind() == null ? "Schema" : event.getTypeKind().name());
      boolean breaking = event.getLevel() == DiffLevel.BREAKING;
      String message = (event.getLevel() == DiffLevel.DANGEROUS ? "dangerous: " : "") + event.getReasonMsg();
      byType.computeIfAbsent(type, t -> new Findings(meter.budget().maxFindings()))
          .add(rule(event), breaking, at(event), message);
    }
    List<Change> changes = new ArrayList<>();
    byType.forEach((type, found) -> changes.add(Change.of("type-changed", kinds.get(type), type,
        kinds.get(type).toLowerCase(Locale.ROOT) + " " + type, found)));
    return changes;
  }

  /** The field, and the arguments of it an event names: {@code books(shelf)}. */
  private static String at(DiffEvent event) {
    if (event.getFieldName() == null) {
      return "";
    }
    return event.getFieldName() + (aboutArguments(event) ? "(" + String.join(", ", event.getComponents()) + ")" : "");
  }

  /** {@code graphql-field-removed}, {@code graphql-argument-stricter}, {@code graphql-type-added}, … */
  private static String rule(DiffEvent event) {
    String subject = event.getFieldName() != null ? (aboutArguments(event) ? "argument" : "field") : event.getTypeName() != null ? "type" : "schema";
    return "graphql-" + subject + "-" + verb(event.getCategory());
  }

  /** Events about arguments name them in their components (other events put types there). */
  private static boolean aboutArguments(DiffEvent event) {
    return event.getComponents() != null && !event.getComponents().isEmpty() && event.getReasonMsg() != null
        && event.getReasonMsg().contains("argument");
  }

  private static String verb(DiffCategory category) {
    return switch (category) {
      case MISSING -> "removed";
      case ADDITION -> "added";
      case STRICTER -> "stricter";
      case INVALID -> "invalid";
      case DIFFERENT -> "changed";
      case DEPRECATION_ADDED -> "deprecated";
      case DEPRECATION_REMOVED -> "undeprecated";
    };
  }
}
