package dev.backlot.apidocs.diff;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlot.apidocs.diff.OpenApiOperations.Body;
import dev.backlot.apidocs.diff.OpenApiOperations.Header;
import dev.backlot.apidocs.diff.OpenApiOperations.Operation;
import dev.backlot.apidocs.diff.OpenApiOperations.Parameter;
import dev.backlot.apidocs.diff.OpenApiOperations.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The operation-level checks of OpenAPI definitions (removed operations, parameters, statuses,
 * media types, security), each schema handed to {@link SchemaComparison} in its direction.
 */
final class OpenApiChanges {
  private final DiffBudget.Meter meter;
  private final SchemaComparison schemas;
  private final Map<String, Operation> older;
  private final Map<String, Operation> newer;

  OpenApiChanges(JsonNode olderDocument, JsonNode newerDocument, DiffBudget.Meter meter) {
    this.meter = meter;
    LocalRefs olderRefs = new LocalRefs(olderDocument);
    LocalRefs newerRefs = new LocalRefs(newerDocument);
    this.schemas = new SchemaComparison(olderRefs, newerRefs, meter);
    this.older = new OpenApiOperations(olderRefs).read(meter);
    this.newer = new OpenApiOperations(newerRefs).read(meter);
  }

  List<Change> changes() {
    List<Change> changes = new ArrayList<>();
    Set<String> newerPaths = new java.util.HashSet<>();
    newer.values().forEach(o -> newerPaths.add(OpenApiOperations.blankParameters(o.path())));
    for (Map.Entry<String, Operation> entry : older.entrySet()) {
      Operation before = entry.getValue();
      Operation after = newer.get(entry.getKey());
      Findings found = findings();
      if (after == null) {
        boolean pathGone = !newerPaths.contains(OpenApiOperations.blankParameters(before.path()));
        found.add(pathGone ? "api-path-removed" : "api-removed", true, "", pathGone ? "path removed" : "operation removed");
        changes.add(Change.of("endpoint-removed", before.method(), before.path(), before.subject(), found));
        continue;
      }
      operation(before, after, found);
      if (!found.list().isEmpty()) {
        boolean onlyDeprecated = found.list().size() == 1 && found.list().get(0).rule().equals("api-deprecated");
        changes.add(Change.of(onlyDeprecated ? "endpoint-deprecated" : "operation-changed", after.method(), after.path(),
            after.subject(), found));
      }
    }
    for (Map.Entry<String, Operation> entry : newer.entrySet()) {
      if (!older.containsKey(entry.getKey())) {
        Operation added = entry.getValue();
        Findings found = findings();
        found.add("endpoint-added", false, "", "operation added");
        changes.add(Change.of("endpoint-added", added.method(), added.path(), added.subject(), found));
      }
    }
    return changes;
  }

  private Findings findings() {
    return new Findings(meter.budget().maxFindings());
  }

  private void operation(Operation before, Operation after, Findings found) {
    if (!before.deprecated() && after.deprecated()) {
      found.add("api-deprecated", false, "", "operation deprecated");
    }
    if (before.operationId() != null && !before.operationId().equals(after.operationId())) {
      found.add("api-operation-id-changed", false, "", "operationId changed from " + before.operationId() + " to " + after.operationId()
          + " (generated clients rename the method)");
    }
    parameters(before.parameters(), after.parameters(), found);
    body(before.body(), after.body(), found);
    responses(before.responses(), after.responses(), found);
    SecurityChanges.compare(before.security(), after.security(), found);
  }

  private void parameters(Map<String, Parameter> before, Map<String, Parameter> after, Findings found) {
    for (Map.Entry<String, Parameter> entry : before.entrySet()) {
      Parameter old = entry.getValue();
      Parameter next = after.get(entry.getKey());
      String at = old.in() + " parameter '" + old.name() + "'";
      if (next == null) {
        found.add("request-parameter-removed", true, at, "parameter removed");
        continue;
      }
      if (!old.required() && next.required()) {
        found.add("request-parameter-became-required", true, at, "parameter became required");
      } else if (old.required() && !next.required()) {
        found.add("request-parameter-became-optional", false, at, "parameter became optional");
      }
      schemas.compare(old.schema(), next.schema(), SchemaContext.REQUEST_PARAMETER, at, found);
    }
    for (Map.Entry<String, Parameter> entry : after.entrySet()) {
      if (!before.containsKey(entry.getKey())) {
        Parameter added = entry.getValue();
        String at = added.in() + " parameter '" + added.name() + "'";
        if (added.required()) {
          found.add("new-required-request-parameter", true, at, "new required parameter");
        } else {
          found.add("new-optional-request-parameter", false, at, "new optional parameter");
        }
      }
    }
  }

  private void body(Body before, Body after, Findings found) {
    if (before == null && after == null) {
      return;
    }
    if (before == null) {
      found.add(after.required() ? "new-required-request-body" : "new-optional-request-body", after.required(), "request body",
          after.required() ? "request body added, required" : "optional request body added");
      return;
    }
    if (after == null) {
      found.add("request-body-removed", false, "request body", "request body removed");
      return;
    }
    if (!before.required() && after.required()) {
      found.add("request-body-became-required", true, "request body", "request body became required");
    } else if (before.required() && !after.required()) {
      found.add("request-body-became-optional", false, "request body", "request body became optional");
    }
    mediaTypes(before.schemas(), after.schemas(), "request body", "request-body-media-type", SchemaContext.REQUEST_BODY, found);
  }

  private void responses(Map<String, Response> before, Map<String, Response> after, Findings found) {
    for (Map.Entry<String, Response> entry : before.entrySet()) {
      String status = entry.getKey();
      String at = "response " + status;
      Response next = after.get(status);
      if (next == null) {
        boolean success = status.startsWith("2");
        found.add(success ? "response-success-status-removed" : "response-non-success-status-removed", success, at,
            "response status removed");
        continue;
      }
      mediaTypes(entry.getValue().schemas(), next.schemas(), at, "response-media-type", SchemaContext.RESPONSE_BODY, found);
      headers(entry.getValue().headers(), next.headers(), at, found);
    }
    for (String status : after.keySet()) {
      if (!before.containsKey(status)) {
        found.add(status.startsWith("2") ? "response-success-status-added" : "response-non-success-status-added", false,
            "response " + status, "response status added");
      }
    }
  }

  private void mediaTypes(Map<String, JsonNode> before, Map<String, JsonNode> after, String at, String rule, SchemaContext context, Findings found) {
    for (Map.Entry<String, JsonNode> entry : before.entrySet()) {
      JsonNode next = after.get(entry.getKey());
      String where = at + " " + entry.getKey();
      if (next == null) {
        found.add(rule + "-removed", true, where, "media type removed");
      } else {
        schemas.compare(entry.getValue(), next, context, where, found);
      }
    }
    after.keySet().stream().filter(type -> !before.containsKey(type))
        .forEach(type -> found.add(rule + "-added", false, at + " " + type, "media type added"));
  }

  private void headers(Map<String, Header> before, Map<String, Header> after, String at, Findings found) {
    for (Map.Entry<String, Header> entry : before.entrySet()) {
      String where = at + " header '" + entry.getKey() + "'";
      Header next = after.get(entry.getKey());
      if (next == null) {
        found.add("response-header-removed", entry.getValue().required(), where,
            entry.getValue().required() ? "required header removed" : "optional header removed");
        continue;
      }
      if (entry.getValue().required() && !next.required()) {
        found.add("response-header-became-optional", true, where, "header became optional");
      }
      schemas.compare(entry.getValue().schema(), next.schema(), SchemaContext.RESPONSE_HEADER, where, found);
    }
    after.keySet().stream().filter(name -> !before.containsKey(name))
        .forEach(name -> found.add("response-header-added", false, at + " header '" + name + "'", "header added"));
  }
}
