package dev.backlot.local.rehearsal;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rehearsal's name service: which local port answers for each host name of Google's and of the
 * deployment's (a Cloud Run service's run.app URLs, the gateway's gateway.dev host, Google's APIs).
 * Every process reaches these names through its {@link EgressProxy}, which ends TLS for them, so
 * the URLs and token audiences Terraform computes are used unchanged.
 */
final class Network {
  /** Where connections to a host name go: a loopback port speaking HTTP/1.1, or HTTP/2 (gRPC) in the clear. */
  record Endpoint(String host, int port, boolean http2) {}

  private final Map<String, Endpoint> hosts = new ConcurrentHashMap<>();

  /** {@code host} is answered over HTTP/1.1 on {@code port}. */
  void serve(String host, int port) {
    hosts.put(host.toLowerCase(Locale.ROOT), new Endpoint(host, port, false));
  }

  /** {@code host} is answered over HTTP/2 (gRPC) on {@code port}. */
  void serveHttp2(String host, int port) {
    hosts.put(host.toLowerCase(Locale.ROOT), new Endpoint(host, port, true));
  }

  /**
   * Where {@code host} goes; a revision tag's URL ({@code <tag>---<service host>}, as Cloud Run
   * names a tagged revision) goes where its service's does.
   */
  Optional<Endpoint> resolve(String host) {
    String name = host.toLowerCase(Locale.ROOT);
    int tag = name.indexOf("---");
    return Optional.ofNullable(hosts.get(name)).or(() -> tag < 0 ? Optional.empty() : Optional.ofNullable(hosts.get(name.substring(tag + 3))));
  }
}
