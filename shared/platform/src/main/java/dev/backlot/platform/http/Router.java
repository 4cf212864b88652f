package dev.backlot.platform.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import dev.backlot.platform.auth.Authenticator;
import dev.backlot.platform.auth.Identity;
import dev.backlot.platform.logging.RequestLog;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Routes a function's requests by method and path template. Paths are matched below the
 * plugin's route prefix, so {@code /api/catalog/entities} (through the gateway) and {@code
 * /entities} (straight to the service) reach the same handler. With an {@link Authenticator},
 * every request but {@code GET /healthcheck} must authenticate before any route is looked up, so
 * an anonymous caller learns nothing, not even which paths exist.
 */
public final class Router {
  /** One MiB, the body limit unless a route asks for more. */
  public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

  private static final Logger LOG = Logger.getLogger(Router.class.getName());

  private record Route(String method, PathTemplate path, Handler handler, long maxBodyBytes, boolean authenticatesItself) {}

  private final String routePrefix;
  private final List<Route> routes = new ArrayList<>();
  private Authenticator authenticator;

  public Router(String routePrefix) {
    this.routePrefix = routePrefix.endsWith("/") ? routePrefix.substring(0, routePrefix.length() - 1) : routePrefix;
  }

  /** Requires every caller but the health check to authenticate; handlers see {@link Request#identity()}. */
  public Router authenticateWith(Authenticator authenticator) {
    this.authenticator = authenticator;
    return this;
  }

  public Router get(String path, Handler handler) {
    return add("GET", path, DEFAULT_MAX_BODY_BYTES, handler);
  }

  public Router post(String path, Handler handler) {
    return add("POST", path, DEFAULT_MAX_BODY_BYTES, handler);
  }

  public Router post(String path, long maxBodyBytes, Handler handler) {
    return add("POST", path, maxBodyBytes, handler);
  }

  /**
   * A POST route whose handler proves the caller itself, for senders that cannot carry a Backlot
   * token (a webhook signed with a shared secret). The router skips its authenticator for this
   * method and path only; {@link Request#identity()} is unavailable there, and the body limit
   * still applies before the handler reads it.
   */
  public Router postAuthenticatedByHandler(String path, long maxBodyBytes, Handler handler) {
    return add("POST", path, maxBodyBytes, handler, true);
  }

  public Router put(String path, Handler handler) {
    return add("PUT", path, DEFAULT_MAX_BODY_BYTES, handler);
  }

  public Router put(String path, long maxBodyBytes, Handler handler) {
    return add("PUT", path, maxBodyBytes, handler);
  }

  public Router patch(String path, Handler handler) {
    return add("PATCH", path, DEFAULT_MAX_BODY_BYTES, handler);
  }

  public Router delete(String path, Handler handler) {
    return add("DELETE", path, DEFAULT_MAX_BODY_BYTES, handler);
  }

  private Router add(String method, String path, long maxBodyBytes, Handler handler) {
    return add(method, path, maxBodyBytes, handler, false);
  }

  private Router add(String method, String path, long maxBodyBytes, Handler handler, boolean authenticatesItself) {
    PathTemplate template = new PathTemplate(path);
    for (Route route : routes) {
      if (route.method.equals(method) && route.path.equals(template)) {
        throw new IllegalArgumentException("duplicate route " + method + " " + path + " (already " + route.path + ")");
      }
    }
    routes.add(new Route(method, template, handler, maxBodyBytes, authenticatesItself));
    // Stable sort: among equally specific templates, registration order decides.
    routes.sort((a, b) -> a.path.compareTo(b.path));
    return this;
  }

  /** Serves one request: finds the route, runs it and writes the result or the error. */
  public void dispatch(HttpRequest raw, HttpResponse response) throws IOException {
    RequestLog log = RequestLog.start(raw);
    String path = belowPrefix(raw.getPath());
    Request request = null;
    int status = 500;
    try {
      List<String> segments = PathTemplate.split(path);
      TreeSet<String> allowed = new TreeSet<>();
      Route matched = null;
      Map<String, String> params = null;
      for (Route route : routes) {
        Map<String, String> candidate = route.path.match(segments);
        if (candidate == null) {
          continue;
        }
        allowed.add(route.method);
        if (matched == null && route.method.equals(raw.getMethod())) {
          matched = route;
          params = candidate;
        }
      }
      // Authentication comes before any 404 or 405, so an anonymous caller learns nothing of
      // the routes but that a self-authenticating one exists at its exact method and path.
      Identity identity = null;
      boolean handlerAuthenticates = matched != null && matched.authenticatesItself;
      if (authenticator != null && !isHealthCheck(raw.getMethod(), path) && !handlerAuthenticates) {
        request = new Request(raw, path, Map.of(), 0, null);
        identity = authenticator.authenticate(request);
      }
      if (matched == null) {
        request = new Request(raw, path, Map.of(), 0, identity);
        if (allowed.isEmpty()) {
          throw HttpError.notFound("No route for " + raw.getMethod() + " " + path);
        }
        response.appendHeader("Allow", String.join(", ", allowed));
        throw new HttpError(405, "MethodNotAllowedError", "Method " + raw.getMethod() + " is not allowed on " + path + "; allowed: " + String.join(", ", allowed));
      }
      request = new Request(raw, path, params, matched.maxBodyBytes, identity);
      Response result = toResponse(matched.handler.handle(request));
      request.discardUnread();
      status = write(response, result);
    } catch (HttpError e) {
      discardUnread(request, raw, path);
      status = writeError(response, e, request, raw, path);
    } catch (Exception | StackOverflowError e) {
      LOG.log(Level.SEVERE, "Unhandled error on " + raw.getMethod() + " " + raw.getPath(), e);
      discardUnread(request, raw, path);
      // The body names no internals: the stack trace and message go to the log only.
      status = writeError(response, new HttpError(500, "Error", "Internal server error"), request, raw, path);
    } finally {
      log.finish(status);
    }
  }

  private static void discardUnread(Request request, HttpRequest raw, String path) {
    (request != null ? request : new Request(raw, path, Map.of(), 0, null)).discardUnread();
  }

  private static boolean isHealthCheck(String method, String path) {
    return (method.equals("GET") || method.equals("HEAD")) && (path.equals("/healthcheck") || path.equals("/healthcheck/"));
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

  private static int write(HttpResponse out, Response response) throws IOException {
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
    return response.status();
  }

  private static int writeError(HttpResponse out, HttpError error, Request request, HttpRequest raw, String path) throws IOException {
    ObjectNode body = Json.object();
    body.putObject("error").put("name", error.name()).put("message", error.getMessage());
    body.putObject("request")
        .put("method", raw.getMethod())
        .put("url", request != null ? request.url() : raw.getQuery().map(q -> path + "?" + q).orElse(path));
    body.putObject("response").put("statusCode", error.status());
    return write(out, Response.json(error.status(), body));
  }
}
