package dev.backlot.apidocs.diff;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.openapitools.openapidiff.core.OpenApiCompare;
import org.openapitools.openapidiff.core.model.ChangedOpenApi;
import org.openapitools.openapidiff.core.model.ChangedOperation;
import org.openapitools.openapidiff.core.model.ChangedParameter;
import org.openapitools.openapidiff.core.model.ChangedParameters;
import org.openapitools.openapidiff.core.model.DiffResult;
import org.openapitools.openapidiff.core.model.Endpoint;
import org.openapitools.openapidiff.core.output.ConsoleRender;

/**
 * Classifies the changes between two OpenAPI versions with openapi-diff. It is given models the
 * plugin parsed itself, never locations or text: openapi-diff's own loading resolves references,
 * which would fetch remote ones.
 */
public final class BreakingChanges {
  /** Compares {@code older} with {@code newer}; both are consumed (openapi-diff may change them). */
  public DiffReport compare(OpenAPI older, OpenAPI newer) {
    ChangedOpenApi diff = OpenApiCompare.fromSpecifications(older, newer);
    List<Change> changes = new ArrayList<>();
    diff.getMissingEndpoints().forEach(e -> changes.add(endpoint("endpoint-removed", e, true)));
    for (ChangedOperation operation : diff.getChangedOperations()) {
      changes.add(new Change("operation-changed", operation.getHttpMethod().name(), operation.getPathUrl(),
          operation.isIncompatible(), details(operation)));
    }
    diff.getDeprecatedEndpoints().forEach(e -> changes.add(endpoint("endpoint-deprecated", e, false)));
    diff.getNewEndpoints().forEach(e -> changes.add(endpoint("endpoint-added", e, false)));
    changes.sort(Comparator.comparing((Change c) -> !c.breaking()));
    DiffResult result = diff.isChanged();
    return new DiffReport(result.isIncompatible(), result.name().toLowerCase(Locale.ROOT), changes, render(diff));
  }

  private static Change endpoint(String kind, Endpoint endpoint, boolean breaking) {
    return new Change(kind, endpoint.getMethod().name(), endpoint.getPathUrl(), breaking, List.of());
  }

  private static List<String> details(ChangedOperation operation) {
    List<String> details = new ArrayList<>();
    ChangedParameters parameters = operation.getParameters();
    if (parameters != null) {
      for (Parameter added : parameters.getIncreased()) {
        details.add("parameter added: " + describe(added));
      }
      for (Parameter removed : parameters.getMissing()) {
        details.add("parameter removed: " + describe(removed));
      }
      for (ChangedParameter changed : parameters.getChanged()) {
        details.add("parameter changed: " + changed.getIn() + " '" + changed.getName() + "'"
            + (changed.isChangeRequired() ? " (required changed)" : "") + " — " + verdict(changed.isChanged()));
      }
    }
    if (operation.getRequestBody() != null) {
      details.add("request body changed — " + verdict(operation.resultRequestBody()));
    }
    if (operation.getApiResponses() != null) {
      details.add("responses changed — " + verdict(operation.resultApiResponses()));
    }
    if (operation.getSecurityRequirements() != null) {
      details.add("security requirements changed — " + verdict(operation.resultSecurityRequirements()));
    }
    if (operation.isDeprecated()) {
      details.add("deprecated");
    }
    return details;
  }

  private static String describe(Parameter parameter) {
    return parameter.getIn() + " '" + parameter.getName() + "'" + (Boolean.TRUE.equals(parameter.getRequired()) ? " (required)" : "");
  }

  private static String verdict(DiffResult result) {
    return result.isIncompatible() ? "breaking" : result.isUnchanged() ? "unchanged" : "compatible";
  }

  private static String render(ChangedOpenApi diff) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStreamWriter writer = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
      new ConsoleRender().render(diff, writer);
    } catch (IOException | RuntimeException e) {
      // The structured changes stand on their own; the readable report is a convenience.
      return "(no readable report: " + e.getMessage() + ")";
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
