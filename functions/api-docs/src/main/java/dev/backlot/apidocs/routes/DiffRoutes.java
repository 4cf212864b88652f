package dev.backlot.apidocs.routes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.apidocs.diff.DiffReport;
import dev.backlot.apidocs.storage.ApiRef;
import dev.backlot.apidocs.storage.DefinitionStore;
import dev.backlot.apidocs.storage.VersionInfo;
import dev.backlot.apidocs.validation.DefinitionTooLargeException;
import dev.backlot.apidocs.validation.DefinitionValidator;
import dev.backlot.apidocs.validation.UnreadableDefinitionException;
import dev.backlot.apidocs.validation.Validation;
import dev.backlot.platform.blob.BlobStore;
import dev.backlot.platform.http.Access;
import dev.backlot.platform.http.HttpError;
import dev.backlot.platform.http.Json;
import dev.backlot.platform.http.Request;
import dev.backlot.platform.http.Response;
import dev.backlot.platform.http.Router;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code GET /apis/:namespace/:name/diff?from=&to=} compares two stored versions; {@code POST
 * /apis/:namespace/:name/check} compares a proposed definition with the latest stored one, for CI;
 * {@code GET /apis/:namespace/:name/changes} says for each consecutive pair of versions whether it
 * broke anything. Reports are JSON, or readable text with {@code as=text}.
 */
public final class DiffRoutes {
  private final DefinitionStore store;
  private final DefinitionValidator validator;
  private final VersionComparison comparison;
  private final ConsecutiveVerdicts verdicts;

  public DiffRoutes(DefinitionStore store, DefinitionValidator validator, BlobStore blobs) {
    this.store = store;
    this.validator = validator;
    this.comparison = new VersionComparison(store, validator, blobs);
    this.verdicts = new ConsecutiveVerdicts(store, blobs, comparison);
  }

  public void register(Router router) {
    router.get("/apis/:namespace/:name/diff", Access.SIGNED_IN.permission(ApiDocsPermissions.DEFINITION_READ), this::diff);
    router.get("/apis/:namespace/:name/changes", Access.SIGNED_IN.permission(ApiDocsPermissions.DEFINITION_READ), this::changes);
    router.post("/apis/:namespace/:name/check", Access.SIGNED_IN.permission(ApiDocsPermissions.DEFINITION_VALIDATE), validator.limits().maxBytes(), this::check);
  }

  /** Defaults: {@code to} the latest version, {@code from} the one submitted before it. */
  private Object diff(Request request) {
    ApiRef api = Paths.api(request);
    VersionInfo to = Paths.version(store, api, request.query("to").orElse(DefinitionStore.LATEST));
    VersionInfo from;
    if (request.query("from").isPresent()) {
      from = Paths.version(store, api, request.query("from").get());
    } else {
      List<VersionInfo> versions = store.versions(api);
      int at = versions.indexOf(to);
      if (at < 0 || at + 1 >= versions.size()) {
        throw HttpError.inputError(api + " has no version before " + to.version() + " to compare with; name one with from=");
      }
      from = versions.get(at + 1);
    }
    DiffReport report = comparison.compare(from, to);
    verdicts.keep(api, from, to, report);
    return answer(request, report, from.version(), to.version(), null);
  }

  private Object changes(Request request) {
    ObjectNode body = Json.object();
    body.set("items", verdicts.list(Paths.api(request)));
    return body;
  }

  private Object check(Request request) throws Exception {
    ApiRef api = Paths.api(request);
    byte[] proposed = request.body();
    if (proposed.length == 0) {
      throw HttpError.inputError("Request body is empty, expected the proposed definition");
    }
    Validation validation;
    try {
      validation = validator.validate(proposed, Paths.formatHint(request));
    } catch (DefinitionTooLargeException e) {
      throw Reports.tooLarge(e);
    } catch (UnreadableDefinitionException e) {
      return Reports.unreadable(request, e);
    }
    if (Paths.strict(request) && !validation.valid()) {
      return Reports.refused(request, validation);
    }
    VersionInfo latest = store.version(api, DefinitionStore.LATEST).orElse(null);
    if (latest == null) {
      // Nothing published yet: nothing a client relies on can break.
      ObjectNode body = Json.object().put("breaking", false).put("result", "no_changes").putNull("against")
          .put("summary", "No version of " + api + " is stored yet; nothing to break.");
      body.set("validation", Reports.validation(validation));
      return body;
    }
    DiffReport report = comparison.compare(latest, proposed);
    return answer(request, report, latest.version(), null, validation);
  }

  /** {@code validation} is the proposed definition's report on {@code /check}, null on a diff of stored versions. */
  private static Object answer(Request request, DiffReport report, String from, String to, Validation validation) {
    if (request.query("as").orElse("json").equals("text")) {
      String header = (report.breaking() ? "BREAKING: " : "Compatible: ") + report.breakingCount() + " breaking change(s) in "
          + report.changes().stream().filter(c -> c.breaking()).count() + " of " + report.changes().size() + " changed "
          + (report.format().equals("graphql") ? "type(s)" : report.format().equals("asyncapi") ? "channel(s) and operation(s)" : "operation(s)")
          + "\n"
          + (validation == null ? "" : "Validation: " + validation.errors().size() + " error(s), " + validation.warnings().size() + " warning(s)\n")
          + "\n";
      byte[] text = (header + report.summary()).getBytes(StandardCharsets.UTF_8);
      return Response.stream(200, "text/plain; charset=utf-8", out -> out.write(text));
    }
    ObjectNode body = Json.object().put("breaking", report.breaking()).put("result", report.result()).put("format", report.format())
        .put("breakingCount", report.breakingCount());
    if (to == null) {
      body.put("against", from);
    } else {
      body.put("from", from).put("to", to);
    }
    body.set("changes", Json.MAPPER.valueToTree(report.changes()));
    body.put("summary", report.summary());
    if (validation != null) {
      body.set("validation", Reports.validation(validation));
    }
    return body;
  }
}
