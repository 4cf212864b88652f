package dev.backlot.proxy;

import dev.backlot.platform.http.Access;
import dev.backlot.platform.http.Handler;
import dev.backlot.platform.http.Router;
import dev.backlot.proxy.endpoints.ProxyEndpoint;
import dev.backlot.proxy.forwarding.Forwarding;
import java.util.List;

/**
 * One route per endpoint and allowed method: {@code <route>/*}, with the endpoint's access and
 * body limit, so the router refuses callers, other methods (405) and oversized bodies (413)
 * before anything is forwarded.
 */
final class ProxyRoutes {
  private final List<ProxyEndpoint> endpoints;
  private final String routePrefix;

  ProxyRoutes(List<ProxyEndpoint> endpoints, String routePrefix) {
    this.endpoints = endpoints;
    this.routePrefix = routePrefix;
  }

  void register(Router router) {
    for (ProxyEndpoint endpoint : endpoints) {
      Forwarding forwarding = new Forwarding(endpoint, routePrefix);
      Handler handler = forwarding::forward;
      // Signed-in callers, or anyone under credentials: dangerously-allow-unauthenticated.
      Access access = endpoint.requiresSignIn() ? Access.SIGNED_IN : Access.PUBLIC;
      String path = endpoint.route() + "/*";
      long limit = endpoint.maxRequestBytes();
      for (String method : List.of("GET", "POST", "PUT", "PATCH", "DELETE")) {
        if (!endpoint.allowedMethods().contains(method)) {
          continue;
        }
        switch (method) {
          case "GET" -> router.get(path, access, handler);
          case "DELETE" -> router.delete(path, access, handler);
          case "POST" -> router.post(path, access, limit, handler);
          case "PUT" -> router.put(path, access, limit, handler);
          case "PATCH" -> router.patch(path, access, limit, handler);
          default -> throw new IllegalStateException("no route for method " + method);
        }
      }
    }
  }
}
