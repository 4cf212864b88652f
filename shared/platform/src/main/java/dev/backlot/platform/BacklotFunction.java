package dev.backlot.platform;

import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import dev.backlot.platform.auth.AdminGroups;
import dev.backlot.platform.auth.Authenticator;
import dev.backlot.platform.http.Access;
import dev.backlot.platform.http.Json;
import dev.backlot.platform.http.RouteDescription;
import dev.backlot.platform.http.Router;
import dev.backlot.platform.logging.Logging;
import dev.backlot.platform.manifest.BundledManifest;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The base of every plugin backend. The Functions Framework creates one instance per process;
 * its constructor starts the plugin (config, database and migrations) and asks the subclass for
 * its routes, so the first request finds everything ready. {@code GET /healthcheck} is built in
 * and public; every other route declares who may call it ({@link Access}).
 */
public abstract class BacklotFunction implements HttpFunction {
  private final Router router;

  /** Starts the plugin described by the {@code plugin.yaml} bundled in the function's jar. */
  protected BacklotFunction() {
    this(null);
  }

  /** Starts with a prepared plugin, as tests do; null means start from the bundled manifest. */
  protected BacklotFunction(Plugin plugin) {
    // The first request's token check would otherwise load JOSE and the EC provider on the
    // critical path; a second core (Cloud Run's start-up CPU boost) does it while config,
    // database and migrations load.
    Thread.ofPlatform().daemon().name("backlot-warm-up").start(BacklotFunction::warmUp);
    Logging.configure();
    Plugin started = plugin != null ? plugin : Plugin.start(BundledManifest.of(getClass()), getClass().getClassLoader());
    this.router = new Router(started.manifest().routePrefix())
        .authenticateWith(Authenticator.fromConfig(started.config(), started.manifest().id()), AdminGroups.fromConfig(started.config()));
    router.get("/healthcheck", Access.PUBLIC, request -> started.health());
    routes(router, started);
  }

  private static void warmUp() {
    try {
      Authenticator.warmUp();
      Json.bytes(Map.of("status", List.of("ok")));
    } catch (RuntimeException e) {
      // Only the first request is slower.
    }
  }

  /** Registers the plugin's routes; called once, from the constructor. */
  protected abstract void routes(Router router, Plugin plugin);

  /** Every route with who may call it, for the route tables in the docs. */
  public final List<RouteDescription> routeTable() {
    return router.routes();
  }

  @Override
  public final void service(HttpRequest request, HttpResponse response) throws IOException {
    router.dispatch(request, response);
  }
}
