package dev.backlot.apidocs.diff;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Classifies the changes between two versions of a definition: OpenAPI (2.0, 3.0, 3.1, across
 * them) and AsyncAPI (2.x, 3.x) with Backlot's own checks on the documents as read (no parser in
 * between, no reference ever fetched), GraphQL with graphql-java's schema diff. Every comparison
 * runs within a {@link DiffBudget}.
 */
public final class BreakingChanges {
  private final DiffBudget budget;

  public BreakingChanges() {
    this(DiffBudget.DEFAULT);
  }

  BreakingChanges(DiffBudget budget) {
    this.budget = budget;
  }

  /** Two OpenAPI or AsyncAPI documents, each read within the plugin's limits. */
  public DiffReport compare(JsonNode older, JsonNode newer) {
    DiffBudget.Meter meter = budget.meter();
    if (older.has("asyncapi") && newer.has("asyncapi")) {
      return DiffReport.of("asyncapi", new AsyncApiChanges(older, newer, meter).changes());
    }
    if (isOpenApi(older) && isOpenApi(newer)) {
      return DiffReport.of("openapi", new OpenApiChanges(older, newer, meter).changes());
    }
    throw new IllegalArgumentException("Only two OpenAPI or two AsyncAPI definitions can be compared with each other");
  }

  /** Two GraphQL schemas in SDL. */
  public DiffReport compareGraphql(String older, String newer) {
    return DiffReport.of("graphql", GraphqlChanges.changes(older, newer, budget.meter()));
  }

  private static boolean isOpenApi(JsonNode document) {
    return document.has("openapi") || document.has("swagger");
  }
}
