package dev.backlot.scaffolder.permissions;

import dev.backlot.platform.permission.Permission;
import java.util.List;

/** Backstage's scaffolder permissions, by the names and attributes @backstage/plugin-scaffolder-common gives them. */
public final class ScaffolderPermissions {
  public static final String TEMPLATE_RESOURCE_TYPE = "scaffolder-template";
  public static final String ACTION_RESOURCE_TYPE = "scaffolder-action";

  public static final Permission TEMPLATE_PARAMETER_READ = Permission.resource("scaffolder.template.parameter.read", "read", TEMPLATE_RESOURCE_TYPE);
  public static final Permission TEMPLATE_STEP_READ = Permission.resource("scaffolder.template.step.read", "read", TEMPLATE_RESOURCE_TYPE);
  public static final Permission ACTION_EXECUTE = Permission.resource("scaffolder.action.execute", null, ACTION_RESOURCE_TYPE);
  public static final Permission TASK_CREATE = Permission.basic("scaffolder.task.create", "create");
  public static final Permission TASK_READ = Permission.basic("scaffolder.task.read", "read");
  public static final Permission TASK_CANCEL = Permission.basic("scaffolder.task.cancel", null);

  /**
   * Checked by handlers and the worker rather than named by a route (TemplateAuthorization): the
   * step read alongside a route's parameter read, the action execute per step when a task runs.
   */
  public static final List<Permission> UNROUTED = List.of(TEMPLATE_STEP_READ, ACTION_EXECUTE);

  private ScaffolderPermissions() {}
}
