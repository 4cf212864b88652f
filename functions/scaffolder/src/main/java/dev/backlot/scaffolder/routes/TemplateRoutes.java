package dev.backlot.scaffolder.routes;

import dev.backlot.platform.http.Access;
import dev.backlot.platform.http.HttpError;
import dev.backlot.platform.http.Request;
import dev.backlot.platform.http.Router;
import dev.backlot.scaffolder.actions.ActionException;
import dev.backlot.scaffolder.actions.Actions;
import dev.backlot.scaffolder.run.DryRun;
import dev.backlot.scaffolder.template.InvalidTemplateException;
import dev.backlot.scaffolder.template.ParameterSchema;

/** The routes about templates and actions: parameter schemas, the action list and dry runs. */
public final class TemplateRoutes {
  /** A dry run's body: {@link DryRun#MAX_BYTES} of files, base64-encoded, and the template. */
  static final long MAX_DRY_RUN_BODY_BYTES = 32L * 1024 * 1024;

  private final Templates templates;
  private final Actions actions;
  private final DryRun dryRun;

  public TemplateRoutes(Templates templates, Actions actions, DryRun dryRun) {
    this.templates = templates;
    this.actions = actions;
    this.dryRun = dryRun;
  }

  public void register(Router router) {
    router.get("/v2/templates/:namespace/:kind/:name/parameter-schema", Access.SIGNED_IN, request ->
        ParameterSchema.of(templates.get(request.pathParam("kind"), request.pathParam("namespace"), request.pathParam("name"))));
    router.get("/v2/actions", Access.SIGNED_IN, request -> actions.describe());
    router.post("/v2/dry-run", Access.SIGNED_IN, MAX_DRY_RUN_BODY_BYTES, this::dryRun);
  }

  private Object dryRun(Request request) throws Exception {
    var body = request.json();
    if (body == null || !body.isObject() || !body.has("template")) {
      throw HttpError.inputError("Input template is not a template");
    }
    try {
      return dryRun.run(body, templates.user(request.identity()));
    } catch (InvalidTemplateException | ActionException e) {
      throw HttpError.inputError(e.getMessage());
    }
  }
}
