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
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The base of every plugin backend. The Functions Framework creates one instance per process and
 * then starts its HTTP server; the plugin (config, database and migrations, then its routes)
 * starts on threads of its own meanwhile ({@link FunctionMain} begins it even before the
 * instance exists), and a request that arrives before it is ready waits for it. A plugin that
 * cannot start ends the process, as a constructor that throws does under the invoker.
 * {@code GET /healthcheck} is built in and public; every other route declares who may call it
 * ({@link Access}).
 */
public abstract class BacklotFunction implements HttpFunction {
  private final CompletableFuture<Router> router = new CompletableFuture<>();

  /** Starts the plugin described by the {@code plugin.yaml} bundled in the function's jar. */
  protected BacklotFunction() {
    CompletableFuture<Plugin> plugin = PluginStarts.claim(getClass());
    // The invoker starts Jetty only after this constructor returns; building the routes on a
    // second core (Cloud Run's start-up CPU boost) overlaps the two.
    Thread.ofPlatform().name("backlot-routes").start(() -> {
      try {
        router.complete(routerFor(plugin.join()));
      } catch (Throwable e) {
        PluginStarts.exit(router, e);
      }
    });
  }

  /** Starts with a prepared plugin, as tests do, on the caller's thread. */
  protected BacklotFunction(Plugin plugin) {
    warmUp();
    router.complete(routerFor(plugin));
  }

  /**
   * The first request's token check would otherwise load JOSE and the EC provider on the
   * critical path; a daemon thread does it while the plugin and the server start. Called once
   * per start, by {@link PluginStarts} or by the constructor for a prepared plugin.
   */
  static void warmUp() {
    Logging.configure();
    Thread.ofPlatform().daemon().name("backlot-warm-up").start(() -> {
      try {
        Authenticator.warmUp();
        Json.bytes(Map.of("status", List.of("ok")));
      } catch (RuntimeException e) {
        // Only the first request is slower.
      }
    });
  }

  private Router routerFor(Plugin started) {
    Router built = new Router(started.manifest().routePrefix())
        .authenticateWith(Authenticator.fromConfig(started.config(), started.manifest().id()), AdminGroups.fromConfig(started.config()));
    started.permissions().ifPresent(built::authorizeWith);
    built.get("/healthcheck", Access.PUBLIC, request -> started.health());
    routes(built, started);
    built.publishPermissions();
    return built;
  }

  /**
   * Registers the plugin's routes; called once, when the plugin has started. It may run on the
   * start thread before a subclass's own constructor has finished, so it builds what it needs
   * from {@code plugin}, not from fields set in that constructor.
   */
  protected abstract void routes(Router router, Plugin plugin);

  /** Every route with who may call it, for the route tables in the docs. */
  public final List<RouteDescription> routeTable() {
    return router.join().routes();
  }

  @Override
  public final void service(HttpRequest request, HttpResponse response) throws IOException {
    router.join().dispatch(request, response);
  }
}
