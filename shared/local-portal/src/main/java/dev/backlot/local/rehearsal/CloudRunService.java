package dev.backlot.local.rehearsal;

import com.nimbusds.jwt.JWTClaimsSet;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.backlot.local.HttpRelay;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Cloud Run's front end for one service, as the rehearsal stands in for it: TLS has ended at the
 * caller's {@link EgressProxy}; here Cloud Run's IAM check runs before a request reaches the
 * instance. Unless {@code allUsers} may invoke the service, a request needs a Google ID token
 * ({@code Authorization: Bearer}) minted for one of the service's URLs by a member of its invokers
 * (Terraform's roles/run.invoker); the instance gets the request as Cloud Run passes it, with
 * its Host and {@code Authorization} headers, over https ({@code X-Forwarded-Proto}).
 */
final class CloudRunService implements AutoCloseable {
  static final String ALL_USERS = "allUsers";

  private final String name;
  private final List<String> urls;
  private final List<String> invokers;
  private final GoogleAccounts accounts;
  private final boolean running;
  private final Duration timeout;
  private final HttpServer server;
  private final HttpRelay relay;

  /**
   * @param urls the service's URLs, each an audience Cloud Run accepts
   * @param invokers roles/run.invoker members ({@code serviceAccount:<email>}, {@code allUsers})
   * @param instance the base URL of the process serving it; null when it did not start
   * @param timeout the service's request timeout
   */
  CloudRunService(String name, List<String> urls, List<String> invokers, GoogleAccounts accounts, String instance, Duration timeout)
      throws IOException {
    this.name = name;
    this.urls = List.copyOf(urls);
    this.invokers = List.copyOf(invokers);
    this.accounts = accounts;
    this.running = instance != null;
    this.timeout = timeout;
    // Cloud Run hands the request on with its Host header: the instance is reached as a proxy is,
    // so the request names the service's host (java.net.http sets no Host header of a caller's).
    URI address = URI.create(running ? instance : "http://127.0.0.1:1");
    this.relay = new HttpRelay(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER)
        .proxy(ProxySelector.of(new InetSocketAddress(address.getHost(), address.getPort()))).build(), "https");
    server = LoopbackHttp.serve(this::handle);
  }

  int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      // As Cloud Run: X-Serverless-Authorization, when sent, is the invoker's token and leaves
      // Authorization to the application; it is not passed on.
      String serverless = exchange.getRequestHeaders().getFirst("X-Serverless-Authorization");
      Optional<String> refused = refusal(serverless != null ? serverless : exchange.getRequestHeaders().getFirst("Authorization"));
      if (refused.isPresent()) {
        boolean unauthenticated = refused.get().startsWith("401");
        HttpRelay.error(exchange, unauthenticated ? 401 : 403, unauthenticated ? "AuthenticationError" : "NotAllowedError",
            "Cloud Run (" + name + "): " + refused.get().substring(4));
        return;
      }
      if (!running) {
        HttpRelay.error(exchange, 503, "ServiceUnavailableError", "Cloud Run (" + name + "): the service has no instance: its container did not start");
        return;
      }
      URI incoming = exchange.getRequestURI();
      String host = exchange.getRequestHeaders().getFirst("Host");
      URI target = URI.create("http://" + (host == null ? name : host) + incoming.getRawPath()
          + (incoming.getRawQuery() == null ? "" : "?" + incoming.getRawQuery()));
      relay.forward(exchange, target, Set.of("x-serverless-authorization"), request -> request.timeout(timeout));
    }
  }

  /** Why Cloud Run would refuse a request with this Authorization header ("401 ..." or "403 ..."), if it would. */
  Optional<String> refusal(String authorization) {
    if (invokers.contains(ALL_USERS)) {
      return Optional.empty();
    }
    if (authorization == null || !authorization.startsWith("Bearer ")) {
      return Optional.of("401 the request carries no identity token; the service is not public");
    }
    Optional<JWTClaimsSet> claims = accounts.verify(authorization.substring("Bearer ".length()).trim());
    if (claims.isEmpty()) {
      return Optional.of("401 the bearer token is not a valid Google ID token");
    }
    List<String> audience = claims.get().getAudience();
    if (audience.stream().noneMatch(urls::contains)) {
      return Optional.of("401 the ID token's audience " + audience + " is none of the service's URLs " + urls);
    }
    String email;
    try {
      email = claims.get().getStringClaim("email");
    } catch (ParseException e) {
      email = null;
    }
    if (email == null || !invokers.contains("serviceAccount:" + email)) {
      return Optional.of("403 " + email + " does not have roles/run.invoker on " + name);
    }
    return Optional.empty();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
