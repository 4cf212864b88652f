package dev.backlot.github;

import dev.backlot.github.webhook.WebhookRoutes;
import dev.backlot.platform.BacklotFunction;
import dev.backlot.platform.Plugin;
import dev.backlot.platform.http.Router;

/** The GitHub integration's backend under {@code /api/github}: webhooks that keep the catalog current. */
public final class GitHubFunction extends BacklotFunction {
  public GitHubFunction() {
    super();
  }

  GitHubFunction(Plugin plugin) {
    super(plugin);
  }

  @Override
  protected void routes(Router router, Plugin plugin) {
    WebhookRoutes.fromPlugin(plugin).register(router);
  }
}
