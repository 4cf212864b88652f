package dev.backlot.platform.http;

import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import dev.backlot.platform.auth.AdminGroups;
import dev.backlot.platform.auth.Authenticator;
import dev.backlot.platform.permission.Permission;
import dev.backlot.platform.permission.PermissionClient;
import dev.backlot.platform.permission.PermissionMetadata;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Routes a function's requests by method and path template, each route registered with who may
 * call it ({@link Access}). Paths are matched below the plugin's route prefix, so {@code
 * /api/catalog/entities} (through the gateway) and {@code /entities} (straight to the service)
 * reach the same handler. Every request passes the same filters before its handler: request
 * log, error mapping, authentication, authorization, body limit, then the plugin's own ({@link
 * #filter}). An unknown path or method is answered by the same chain, so only an authenticated
 * caller learns that a route does not exist.
 */
public final class Router {
  /** One MiB, the body limit unless a route asks for more. */
  public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

  private static final Logger LOG = Logger.getLogger(Router.class.getName());

  private record Route(String method, PathTemplate path, Access access, long maxBodyBytes, Handler handler) {
    RouteDescription description() {
      return new RouteDescription(method, path.toString(), access, maxBodyBytes);
    }
  }

  private final String routePrefix;
  private final List<Route> routes = new ArrayList<>();
  private final List<Filter> pluginFilters = new ArrayList<>();
  private Authenticator authenticator;
  private AdminGroups admins = AdminGroups.NONE;
  private PermissionClient permissions;
  private final List<PermissionMetadata.Rule> rules = new ArrayList<>();
  private final List<Permission> unrouted = new ArrayList<>();
  // Built at the first request: the chain is the same for every request.
  private volatile List<Filter> filters;

  public Router(String routePrefix) {
    this.routePrefix = routePrefix.endsWith("/") ? routePrefix.substring(0, routePrefix.length() - 1) : routePrefix;
  }

  /** Authenticates every caller of a non-public route; {@code admins} are who {@link Access#admins()} admits. */
  public Router authenticateWith(Authenticator authenticator, AdminGroups admins) {
    this.authenticator = authenticator;
    this.admins = admins;
    this.filters = null;
    return this;
  }

  /**
   * Lets the permission function decide for people on routes that name a permission ({@code
   * permission.enabled: true}); without it the routes' levels decide.
   */
  public Router authorizeWith(PermissionClient permissions) {
    this.permissions = permissions;
    this.filters = null;
    return this;
  }

  /**
   * Publishes, with the permissions the routes name ({@link #publishPermissions}), the plugin's
   * condition {@code rules} and the {@code permissions} no route names (checked by the UI, as
   * Backstage's {@code catalog.entity.create}), so policies naming them validate.
   */
  public Router publish(List<Permission> permissions, List<PermissionMetadata.Rule> rules) {
    this.unrouted.addAll(permissions);
    this.rules.addAll(rules);
    return this;
  }

  /**
   * Publishes the permissions the routes name and the condition rules at {@code GET
   * /.well-known/backstage/permissions/metadata}, Backstage's path and shape, for the permission
   * function (which checks policies against them; it calls with its service token) and admins.
   */
  public Router publishPermissions() {
    return get(PermissionMetadata.PATH, Access.admins().orServices(PermissionClient.PLUGIN_ID),
        request -> PermissionMetadata.of(java.util.stream.Stream.concat(routes().stream().map(route -> route.access().permission()),
            unrouted.stream()).toList(), rules));
  }

  /** Adds a filter of the plugin's own, run after the platform's, in the order added. */
  public Router filter(Filter filter) {
    pluginFilters.add(filter);
    this.filters = null;
    return this;
  }

  public Router get(String path, Access access, Handler handler) {
    return add("GET", path, access, DEFAULT_MAX_BODY_BYTES, handler);
  }

  public Router post(String path, Access access, Handler handler) {
    return add("POST", path, access, DEFAULT_MAX_BODY_BYTES, handler);
  }

  public Router post(String path, Access access, long maxBodyBytes, Handler handler) {
    return add("POST", path, access, maxBodyBytes, handler);
  }

  public Router put(String path, Access access, Handler handler) {
    return add("PUT", path, access, DEFAULT_MAX_BODY_BYTES, handler);
  }

  public Router put(String path, Access access, long maxBodyBytes, Handler handler) {
    return add("PUT", path, access, maxBodyBytes, handler);
  }

  public Router patch(String path, Access access, Handler handler) {
    return add("PATCH", path, access, DEFAULT_MAX_BODY_BYTES, handler);
  }

  public Router patch(String path, Access access, long maxBodyBytes, Handler handler) {
    return add("PATCH", path, access, maxBodyBytes, handler);
  }

  public Router delete(String path, Access access, Handler handler) {
    return add("DELETE", path, access, DEFAULT_MAX_BODY_BYTES, handler);
  }

  private Router add(String method, String path, Access access, long maxBodyBytes, Handler handler) {
    if (access == null) {
      throw new IllegalArgumentException("route " + method + " " + path + " declares no access");
    }
    PathTemplate template = new PathTemplate(path);
    for (Route route : routes) {
      if (route.method.equals(method) && route.path.equals(template)) {
        throw new IllegalArgumentException("duplicate route " + method + " " + path + " (already " + route.path + ")");
      }
    }
    routes.add(new Route(method, template, access, maxBodyBytes, handler));
    // Stable sort: among equally specific templates, registration order decides.
    routes.sort((a, b) -> a.path.compareTo(b.path));
    return this;
  }

  /** Every route with its access, in matching order. */
  public List<RouteDescription> routes() {
    return routes.stream().map(Route::description).toList();
  }

  /** Serves one request: finds the route, runs the filters and the handler, writes the answer. */
  public void dispatch(HttpRequest raw, HttpResponse out) throws IOException {
    String path = belowPrefix(raw.getPath());
    Request request = match(raw, path);
    Response response;
    try {
      response = chain(0, request.handler()).proceed(request);
    } catch (Exception e) {
      // Only the request log sits outside the error filter, and it throws nothing of its own.
      throw new IllegalStateException(e);
    }
    request.discardUnread();
    try {
      write(out, response);
    } catch (IOException | RuntimeException e) {
      // A streamed body failed half-way: the status is sent, so the client sees a cut body.
      LOG.log(Level.SEVERE, "Writing the answer to " + raw.getMethod() + " " + raw.getPath() + " failed", e);
    } finally {
      response.written();
    }
  }

  /** The route for the request; an unknown path or method gets a route that answers 404 or 405 to signed-in callers. */
  private Request match(HttpRequest raw, String path) {
    List<String> segments = PathTemplate.split(path);
    TreeSet<String> allowed = new TreeSet<>();
    for (Route route : routes) {
      Map<String, String> params = route.path.match(segments);
      if (params == null) {
        continue;
      }
      if (route.method.equals(raw.getMethod())) {
        return new Request(raw, path, params, route.description(), route.handler);
      }
      allowed.add(route.method);
    }
    Handler refuse = allowed.isEmpty()
        ? request -> {
          throw HttpError.notFound("No route for " + raw.getMethod() + " " + path);
        }
        : request -> {
          throw new HttpError(405, "MethodNotAllowedError", "Method " + raw.getMethod() + " is not allowed on " + path
              + "; allowed: " + String.join(", ", allowed)).withHeader("Allow", String.join(", ", allowed));
        };
    // Without an authenticator nobody can sign in, and the routes have nothing to hide.
    Access access = authenticator == null ? Access.PUBLIC : Access.SIGNED_IN;
    return new Request(raw, path, Map.of(), new RouteDescription(raw.getMethod(), path, access, DEFAULT_MAX_BODY_BYTES), refuse);
  }

  private Filter.Chain chain(int index, Handler handler) {
    List<Filter> filters = filters();
    if (index == filters.size()) {
      return request -> toResponse(handler.handle(request));
    }
    return request -> filters.get(index).filter(request, chain(index + 1, handler));
  }

  private List<Filter> filters() {
    List<Filter> built = filters;
    if (built == null) {
      List<Filter> chain = new ArrayList<>(List.of(new RequestLogging(), new ErrorResponses()));
      if (authenticator != null) {
        chain.add(new Authentication(authenticator));
      }
      chain.add(new Authorization(admins, permissions));
      chain.add(new BodyLimits());
      chain.addAll(pluginFilters);
      filters = built = List.copyOf(chain);
    }
    return built;
  }

  private String belowPrefix(String path) {
    if (path.equals(routePrefix)) {
      return "/";
    }
    if (path.startsWith(routePrefix + "/")) {
      return path.substring(routePrefix.length());
    }
    return path.isEmpty() ? "/" : path;
  }

  private static Response toResponse(Object result) {
    if (result instanceof Response response) {
      return response;
    }
    return result == null ? Response.empty(204) : Response.json(200, result);
  }

  private static void write(HttpResponse out, Response response) throws IOException {
    out.setStatusCode(response.status());
    response.headers().forEach((name, values) -> values.forEach(v -> out.appendHeader(name, v)));
    if (response.contentType() != null) {
      out.setContentType(response.contentType());
    }
    if (response.body() != null) {
      try (OutputStream body = out.getOutputStream()) {
        response.body().writeTo(body);
      }
    }
  }
}
