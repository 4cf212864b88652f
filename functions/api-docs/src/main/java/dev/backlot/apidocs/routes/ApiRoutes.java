package dev.backlot.apidocs.routes;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.apidocs.storage.ApiRef;
import dev.backlot.apidocs.storage.DefinitionStore;
import dev.backlot.apidocs.storage.VersionInfo;
import dev.backlot.apidocs.validation.DefinitionTooLargeException;
import dev.backlot.apidocs.validation.DefinitionValidator;
import dev.backlot.apidocs.validation.UnreadableDefinitionException;
import dev.backlot.catalog.client.CatalogClient;
import dev.backlot.platform.auth.Identity;
import dev.backlot.platform.http.Access;
import dev.backlot.platform.http.HttpError;
import dev.backlot.platform.http.Json;
import dev.backlot.platform.http.Request;
import dev.backlot.platform.http.Response;
import dev.backlot.platform.http.Router;
import dev.backlot.platform.logging.AuditLog;
import dev.backlot.platform.permission.PermissionClient;

/**
 * Stored APIs and their versions: {@code GET /apis}, {@code GET /apis/:namespace/:name/versions},
 * one version's metadata and its definition, and {@code PUT /apis/:namespace/:name/definition}
 * for CI pipelines.
 */
public final class ApiRoutes {
  /** The audit event of a publish: stored, or refused by validation. */
  static final String DEFINITION_PUBLISH = "api-docs.definition-publish";

  private static final int MAX_LIMIT = 500;

  private final DefinitionStore store;
  private final Intake intake;
  private final DefinitionRendering rendering;

  private final ReadableApis readable;

  public ApiRoutes(DefinitionStore store, DefinitionValidator validator, PermissionClient permissions, CatalogClient catalog) {
    this.store = store;
    this.readable = new ReadableApis(permissions, catalog, java.time.Clock.systemUTC());
    this.intake = new Intake(validator, store);
    this.rendering = new DefinitionRendering(validator);
  }

  public void register(Router router) {
    router.filter(readable);
    router.get("/apis", Access.SIGNED_IN.permission(ApiDocsPermissions.DEFINITION_READ), this::list);
    router.get("/apis/:namespace/:name/versions", Access.SIGNED_IN.permission(ApiDocsPermissions.DEFINITION_READ), request -> {
      ApiRef api = Paths.api(request);
      ArrayNode items = Json.MAPPER.createArrayNode();
      store.versions(api).forEach(v -> items.add(Reports.version(v)));
      if (items.isEmpty()) {
        throw HttpError.notFound("No definition stored for " + api);
      }
      ObjectNode body = Json.object();
      body.set("items", items);
      return body;
    });
    router.get("/apis/:namespace/:name/versions/:version", Access.SIGNED_IN.permission(ApiDocsPermissions.DEFINITION_READ), request -> {
      VersionInfo version = Paths.version(store, Paths.api(request), request.pathParam("version"));
      ObjectNode body = Reports.version(version);
      body.set("validation", store.report(version).orElseGet(() -> Reports.notKept(version)));
      return body;
    });
    router.get("/apis/:namespace/:name/versions/:version/definition", Access.SIGNED_IN.permission(ApiDocsPermissions.DEFINITION_READ), request -> {
      VersionInfo version = Paths.version(store, Paths.api(request), request.pathParam("version"));
      return rendering.render(version, store.content(version)
          .orElseThrow(() -> HttpError.notFound("The definition of " + version.entityRef() + " version " + version.version()
              + " is missing from the blob store")), request.query("as").orElse("raw"));
    });
    router.put("/apis/:namespace/:name/definition", Access.SIGNED_IN.permission(ApiDocsPermissions.DEFINITION_PUBLISH), intake.validator().limits().maxBytes(), this::upload);
  }

  private Object list(Request request) {
    int limit = intParam(request, "limit", 100);
    int offset = intParam(request, "offset", 0);
    if (limit < 1 || limit > MAX_LIMIT) {
      throw HttpError.inputError("limit must be between 1 and " + MAX_LIMIT);
    }
    if (offset < 0) {
      throw HttpError.inputError("offset must be >= 0");
    }
    ArrayNode items = Json.MAPPER.createArrayNode();
    for (DefinitionStore.ApiSummary api : store.apis(readable.among(request).orElse(null), limit, offset)) {
      ObjectNode item = items.addObject().put("entityRef", api.entityRef()).put("versionCount", api.versionCount());
      item.set("latest", Reports.version(api.latest()));
    }
    ObjectNode body = Json.object();
    body.set("items", items);
    return body;
  }

  private static int intParam(Request request, String name, int fallback) {
    String value = request.query(name).orElse(null);
    if (value == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw HttpError.inputError(name + " must be an integer");
    }
  }

  /**
   * CI pipelines upload with a service identity or an external-access token; users read only, so
   * what is documented is what a pipeline published. A definition that reads as its format is
   * stored with its validation report, errors or not; with {@code strict=true} one with errors is
   * refused with them instead. Storing the same content again answers 200 with the existing version.
   */
  private Object upload(Request request) throws Exception {
    Identity caller = request.identity();
    if (caller.kind() == Identity.Kind.USER) {
      throw HttpError.notAllowed("Uploading definitions needs a service or external-access token");
    }
    ApiRef api = Paths.api(request);
    byte[] content = request.body();
    if (content.length == 0) {
      throw HttpError.inputError("Request body is empty, expected an API definition");
    }
    Intake.Outcome outcome;
    try {
      outcome = intake.take(api, content, Paths.formatHint(request), "upload:" + caller.subject(), Paths.strict(request));
    } catch (DefinitionTooLargeException e) {
      throw Reports.tooLarge(e);
    } catch (UnreadableDefinitionException e) {
      return Reports.unreadable(request, e);
    }
    if (outcome.saved() == null) {
      request.audit(DEFINITION_PUBLISH, api.namespace() + "/" + api.name(), AuditLog.Outcome.FAILED, null);
      return Reports.refused(request, outcome.validation());
    }
    request.audit(DEFINITION_PUBLISH, api.namespace() + "/" + api.name(), AuditLog.Outcome.SUCCEEDED,
        java.util.Map.of("version", outcome.saved().version().version(), "created", outcome.saved().created()));
    ObjectNode body = Json.object().put("created", outcome.saved().created());
    body.set("version", Reports.version(outcome.saved().version()));
    body.set("validation", Reports.validation(outcome.validation()));
    return Response.json(outcome.saved().created() ? 201 : 200, body);
  }
}
