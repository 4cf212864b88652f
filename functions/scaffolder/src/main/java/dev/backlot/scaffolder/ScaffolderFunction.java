package dev.backlot.scaffolder;

import dev.backlot.catalog.client.CatalogClient;
import dev.backlot.integration.github.GitHubCredentials;
import dev.backlot.platform.BacklotFunction;
import dev.backlot.platform.Plugin;
import dev.backlot.platform.http.Router;
import dev.backlot.scaffolder.actions.Actions;
import dev.backlot.scaffolder.permissions.ScaffolderPermissions;
import dev.backlot.scaffolder.permissions.ScaffolderRules;
import dev.backlot.scaffolder.permissions.TemplateAuthorization;
import dev.backlot.scaffolder.routes.TaskRoutes;
import dev.backlot.scaffolder.routes.TemplateRoutes;
import dev.backlot.scaffolder.routes.Templates;
import dev.backlot.scaffolder.run.DryRun;
import dev.backlot.scaffolder.run.TaskQueue;
import dev.backlot.scaffolder.run.TaskWorker;
import dev.backlot.scaffolder.run.TemplateRunner;
import dev.backlot.scaffolder.storage.TaskStore;
import java.time.Clock;
import java.util.List;

/**
 * Backstage's Software Templates under {@code /api/scaffolder}: v1beta3 templates from the
 * catalog, their parameter schemas, the actions, dry runs and tasks. docs/scaffolder.md has the
 * routes, limits and what is not done yet.
 */
public final class ScaffolderFunction extends BacklotFunction {
  public ScaffolderFunction() {
    super();
  }

  ScaffolderFunction(Plugin plugin) {
    super(plugin);
  }

  @Override
  protected void routes(Router router, Plugin plugin) {
    CatalogClient catalog = CatalogClient.forPlugin(plugin);
    GitHubCredentials github = GitHubCredentials.fromConfig(plugin.config());
    Actions actions = Actions.builtIn(catalog, github, plugin.discovery(), plugin.serviceTokens(), List.of());
    TemplateRunner runner = new TemplateRunner(actions);
    Templates templates = new Templates(catalog);
    TemplateAuthorization authorization = new TemplateAuthorization(plugin.permissions());
    new TemplateRoutes(templates, actions, new DryRun(runner), authorization).register(router);
    TaskStore store = new TaskStore(plugin.database(), Clock.systemUTC());
    new TaskRoutes(templates, runner, store, new TaskWorker(store, runner, github, Clock.systemUTC(), TaskWorker.LEASE_MILLIS, authorization),
        authorization, TaskQueue.fromConfig(plugin.config())).register(router);
    router.publish(ScaffolderPermissions.UNROUTED, ScaffolderRules.published());
  }
}
