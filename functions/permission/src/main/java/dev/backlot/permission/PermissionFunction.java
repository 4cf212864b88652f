package dev.backlot.permission;

import dev.backlot.catalog.client.CatalogClient;
import dev.backlot.permission.decide.Authorizer;
import dev.backlot.permission.decide.CurrentRules;
import dev.backlot.permission.decide.PluginConditions;
import dev.backlot.permission.decide.PolicyFile;
import dev.backlot.permission.membership.CatalogMembership;
import dev.backlot.permission.plugins.PluginMetadata;
import dev.backlot.permission.routes.AuthorizeRoutes;
import dev.backlot.permission.routes.RbacRoutes;
import dev.backlot.permission.storage.ConditionalPolicies;
import dev.backlot.permission.storage.RbacStore;
import dev.backlot.platform.BacklotFunction;
import dev.backlot.platform.Plugin;
import dev.backlot.platform.http.Router;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;

/**
 * The permission backend under {@code /api/permission}: Backstage's {@code POST /authorize},
 * deciding with RHDH's RBAC policies, and RHDH's API to manage roles and policies.
 */
public final class PermissionFunction extends BacklotFunction {
  public PermissionFunction() {
    super();
  }

  /** On {@code plugin}: tests of other plugins run the real permission function this way, as they run the catalog. */
  public PermissionFunction(Plugin plugin) {
    super(plugin);
  }

  @Override
  protected void routes(Router router, Plugin plugin) {
    RbacConfig config = RbacConfig.from(plugin.config());
    Clock clock = Clock.systemUTC();
    RbacStore store = new RbacStore(plugin.database(), clock);
    ConditionalPolicies conditions = new ConditionalPolicies(plugin.database());
    PolicyFile policyFile = new PolicyFile(config.policiesCsvFile(), store, clock);
    try {
      policyFile.refresh();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load the policy file", e);
    }
    CatalogMembership membership = new CatalogMembership(CatalogClient.forPlugin(plugin), clock);
    Authorizer authorizer = new Authorizer(policyFile, new CurrentRules(store, conditions, config.superUsers(), config.adminUsers()), membership);
    new AuthorizeRoutes(authorizer, new PluginConditions(plugin.discovery(), plugin.serviceTokens())).register(router);
    PluginMetadata metadata = new PluginMetadata(config.pluginsWithPermission(), plugin.discovery(), plugin.serviceTokens());
    new RbacRoutes(config.adminUsers(), authorizer, plugin.permissions().isPresent(), store, conditions, metadata).register(router);
  }
}
