package dev.backlot.apidocs.routes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.apidocs.diff.BreakingChanges;
import dev.backlot.apidocs.diff.DiffReport;
import dev.backlot.apidocs.storage.ApiRef;
import dev.backlot.apidocs.storage.DefinitionStore;
import dev.backlot.apidocs.storage.VersionInfo;
import dev.backlot.apidocs.validation.DefinitionTooLargeException;
import dev.backlot.apidocs.validation.DefinitionValidator;
import dev.backlot.apidocs.validation.UnreadableDefinitionException;
import dev.backlot.apidocs.validation.Validation;
import dev.backlot.platform.http.Access;
import dev.backlot.platform.http.HttpError;
import dev.backlot.platform.http.Json;
import dev.backlot.platform.http.Request;
import dev.backlot.platform.http.Response;
import dev.backlot.platform.http.Router;
import io.swagger.v3.oas.models.OpenAPI;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code GET /apis/:namespace/:name/diff?from=&to=} compares two stored versions; {@code POST
 * /apis/:namespace/:name/check} compares a proposed definition with the latest stored one, for CI.
 * Both answer JSON, or openapi-diff's readable report with {@code as=text}.
 */
public final class DiffRoutes {
  private final DefinitionStore store;
  private final DefinitionValidator validator;
  private final BreakingChanges breakingChanges = new BreakingChanges();

  public DiffRoutes(DefinitionStore store, DefinitionValidator validator) {
    this.store = store;
    this.validator = validator;
  }

  public void register(Router router) {
    router.get("/apis/:namespace/:name/diff", Access.SIGNED_IN, this::diff);
    router.post("/apis/:namespace/:name/check", Access.SIGNED_IN, validator.limits().maxBytes(), this::check);
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
    DiffReport report = compare(openApi(from), openApi(to));
    return answer(request, report, from.version(), to.version(), null);
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
    OpenAPI candidate = parse(proposed, "proposed definition");
    VersionInfo latest = store.version(api, DefinitionStore.LATEST).orElse(null);
    if (latest == null) {
      // Nothing published yet: nothing a client relies on can break.
      ObjectNode body = Json.object().put("breaking", false).put("result", "no_changes").putNull("against")
          .put("summary", "No version of " + api + " is stored yet; nothing to break.");
      body.set("validation", Reports.validation(validation));
      return body;
    }
    DiffReport report = compare(openApi(latest), candidate);
    return answer(request, report, latest.version(), null, validation);
  }

  private DiffReport compare(OpenAPI from, OpenAPI to) {
    try {
      return breakingChanges.compare(from, to);
    } catch (RuntimeException e) {
      // openapi-diff fails on references it cannot follow (external ones are never fetched).
      throw new HttpError(422, "InputError", "The versions cannot be compared: " + e.getMessage(), e);
    }
  }

  private OpenAPI openApi(VersionInfo version) {
    if (!version.format().equals("openapi")) {
      throw HttpError.inputError("Only OpenAPI definitions can be diffed; version " + version.version() + " is " + version.format());
    }
    byte[] content = store.content(version).orElseThrow(() -> HttpError.notFound(
        "The definition of version " + version.version() + " is missing from the blob store")).content();
    return parse(content, "version " + version.version());
  }

  private OpenAPI parse(byte[] content, String what) {
    try {
      return validator.openApi(content);
    } catch (DefinitionTooLargeException e) {
      throw Reports.tooLarge(e);
    } catch (UnreadableDefinitionException e) {
      throw HttpError.inputError("The " + what + " cannot be read: " + e.getMessage());
    }
  }

  /** {@code validation} is the proposed definition's report on {@code /check}, null on a diff of stored versions. */
  private static Object answer(Request request, DiffReport report, String from, String to, Validation validation) {
    if (request.query("as").orElse("json").equals("text")) {
      String header = (report.breaking() ? "BREAKING: " : "Compatible: ") + report.changes().stream().filter(c -> c.breaking()).count()
          + " breaking change(s), " + report.changes().size() + " change(s) in all\n"
          + (validation == null ? "" : "Validation: " + validation.errors().size() + " error(s), " + validation.warnings().size() + " warning(s)\n")
          + "\n";
      byte[] text = (header + report.summary()).getBytes(StandardCharsets.UTF_8);
      return Response.stream(200, "text/plain; charset=utf-8", out -> out.write(text));
    }
    ObjectNode body = Json.object().put("breaking", report.breaking()).put("result", report.result());
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
