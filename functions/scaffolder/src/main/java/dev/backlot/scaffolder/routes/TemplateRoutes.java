package dev.backlot.scaffolder.routes;

import dev.backlot.platform.http.Access;
import dev.backlot.platform.permission.Decision;
import dev.backlot.platform.http.HttpError;
import dev.backlot.platform.http.Request;
import dev.backlot.platform.http.Router;
import dev.backlot.scaffolder.actions.ActionException;
import dev.backlot.scaffolder.actions.Actions;
import dev.backlot.scaffolder.permissions.ScaffolderPermissions;
import dev.backlot.scaffolder.permissions.TemplateAuthorization;
import dev.backlot.scaffolder.run.DryRun;
import dev.backlot.scaffolder.template.InvalidTemplateException;
import dev.backlot.scaffolder.template.ParameterSchema;
import dev.backlot.scaffolder.template.Template;
/** The routes about templates and actions: parameter schemas, the action list and dry runs. */
public final class TemplateRoutes {
  /** A dry run's body: {@link DryRun#MAX_BYTES} of files, base64-encoded, and the template. */
  static final long MAX_DRY_RUN_BODY_BYTES = 32L * 1024 * 1024;

  private final Templates templates;
  private final Actions actions;
  private final DryRun dryRun;
  private final TemplateAuthorization authorization;

  public TemplateRoutes(Templates templates, Actions actions, DryRun dryRun, TemplateAuthorization authorization) {
    this.authorization = authorization;
    this.templates = templates;
    this.actions = actions;
    this.dryRun = dryRun;
  }

  public void register(Router router) {
    router.get("/v2/templates/:namespace/:kind/:name/parameter-schema", Access.SIGNED_IN.permission(ScaffolderPermissions.TEMPLATE_PARAMETER_READ),
        request -> {
          Template template = templates.get(request.pathParam("kind"), request.pathParam("namespace"), request.pathParam("name"), request);
          // The router asked scaffolder.template.parameter.read; a page it does not allow is left out (all of them on DENY).
          return ParameterSchema.of(Template.from(TemplateAuthorization.filter(template.entity(),
              new TemplateAuthorization.Decisions(request.decision(), Decision.ALLOW))));
        });
    router.get("/v2/actions", Access.SIGNED_IN, request -> actions.describe());
    router.post("/v2/dry-run", Access.SIGNED_IN, MAX_DRY_RUN_BODY_BYTES, this::dryRun);
  }

  private Object dryRun(Request request) throws Exception {
    var body = request.json();
    if (body == null || !body.isObject() || !body.has("template")) {
      throw HttpError.inputError("Input template is not a template");
    }
    try {
      return dryRun.run(body, templates.user(request.identity()), authorization.actions(request.identity(), request::callerAuthorization));
    } catch (InvalidTemplateException | ActionException e) {
      throw HttpError.inputError(e.getMessage());
    }
  }
}
