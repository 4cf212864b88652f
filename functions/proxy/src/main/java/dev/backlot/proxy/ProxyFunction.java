package dev.backlot.proxy;

import dev.backlot.platform.BacklotFunction;
import dev.backlot.platform.Plugin;
import dev.backlot.platform.http.Router;
import dev.backlot.proxy.endpoints.ProxyEndpoints;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Backstage's proxy under {@code /api/proxy}: each of {@code proxy.endpoints} forwards the
 * requests below its route to its target, with the endpoint's headers (secrets included) added
 * here, so third-party-backed plugins reach their APIs without the browser ever holding a
 * credential. docs/proxy.md has the config and the safety rules.
 */
public final class ProxyFunction extends BacklotFunction {
  /**
   * The HTTP client logs every header it sends at DEBUG, the endpoints' secrets among them: it
   * never logs below INFO, whatever the log level. Held in a field, as a logger's level lives only
   * as long as the logger, and set once the platform has configured logging (which resets levels).
   */
  private static final Logger HTTP_CLIENT_LOG = Logger.getLogger("org.apache.hc");

  public ProxyFunction() {
    super();
  }

  ProxyFunction(Plugin plugin) {
    super(plugin);
  }

  @Override
  protected void routes(Router router, Plugin plugin) {
    HTTP_CLIENT_LOG.setLevel(Level.INFO);
    new ProxyRoutes(ProxyEndpoints.fromConfig(plugin.config()), plugin.manifest().routePrefix()).register(router);
  }
}
