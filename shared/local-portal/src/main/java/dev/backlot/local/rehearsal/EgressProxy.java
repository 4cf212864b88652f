package dev.backlot.local.rehearsal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * Where one process of the rehearsal stands on the network: an HTTP proxy that every request of
 * the process goes through (the JVM's {@code http(s).proxyHost}, curl's {@code https_proxy}). It
 * plays what is around a Cloud Run instance in Google's network:
 * <ul>
 *   <li>{@code CONNECT} to a name in {@link Network} (run.app, gateway.dev, googleapis.com):
 *       TLS ends here with the rehearsal's certificate, which these processes trust, and the
 *       clear text goes to the local stand-in; any other name is unknown, as to DNS;
 *   <li>{@code CONNECT} to loopback (the Okta stand-in, the GitHub stand-in): passed through;
 *   <li>plain HTTP to {@code metadata.google.internal} or {@code 169.254.169.254}: this position's
 *       own metadata server, so each process has its own service account, as each Cloud Run
 *       service does.
 * </ul>
 */
final class EgressProxy implements AutoCloseable {
  static final Set<String> METADATA_HOSTS = Set.of("metadata.google.internal", "169.254.169.254", "metadata");
  private static final int MAX_HEAD_BYTES = 32 * 1024;

  private final String name;
  private final Network network;
  private final SSLContext tls;
  private final MetadataServer metadata;
  private final ServerSocket server;

  /** {@code metadata} is this position's metadata server, or null where none answers (outside Google). */
  EgressProxy(String name, Network network, SSLContext tls, MetadataServer metadata) throws IOException {
    this.name = name;
    this.network = network;
    this.tls = tls;
    this.metadata = metadata;
    this.server = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
    Thread.ofVirtual().name("proxy-" + name).start(this::accept);
  }

  int port() {
    return server.getLocalPort();
  }

  /** JVM flags that send every request of a JVM through this proxy (loopback excepted). */
  List<String> jvmFlags() {
    String port = Integer.toString(port());
    return List.of("-Dhttp.proxyHost=127.0.0.1", "-Dhttp.proxyPort=" + port, "-Dhttps.proxyHost=127.0.0.1", "-Dhttps.proxyPort=" + port,
        "-Dhttp.nonProxyHosts=localhost|127.*|[::1]");
  }

  /** The same for curl and other tools that read the proxy variables. */
  Map<String, String> toolEnvironment() {
    String proxy = "http://127.0.0.1:" + port();
    return Map.of("http_proxy", proxy, "https_proxy", proxy, "no_proxy", "localhost,127.0.0.1");
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Thread.ofVirtual().name("proxy-" + name + "-connection").start(() -> serve(client));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(Socket client) {
    try (client) {
      InputStream in = client.getInputStream();
      byte[] head = readHead(in);
      String requestLine = new String(head, StandardCharsets.ISO_8859_1).lines().findFirst().orElse("");
      String[] parts = requestLine.split(" ");
      if (parts.length != 3) {
        refuse(client, 400, "not an HTTP request");
        return;
      }
      if (parts[0].equals("CONNECT")) {
        tunnel(client, parts[1]);
      } else {
        URI target = URI.create(parts[1]);
        if (target.getHost() != null && METADATA_HOSTS.contains(target.getHost().toLowerCase(Locale.ROOT)) && metadata != null) {
          try (Socket upstream = new Socket(InetAddress.getLoopbackAddress(), metadata.port())) {
            upstream.getOutputStream().write(oneRequest(head, parts[0], target));
            relay(client, upstream);
          }
        } else {
          refuse(client, 502, parts[1] + " is not reachable from " + name);
        }
      }
    } catch (IOException ended) {
      // The caller or the stand-in hung up; nothing to answer.
    }
  }

  private void tunnel(Socket client, String authority) throws IOException {
    int colon = authority.lastIndexOf(':');
    String host = colon < 0 ? authority : authority.substring(0, colon);
    int port = colon < 0 ? 443 : Integer.parseInt(authority.substring(colon + 1));
    if (host.equals("localhost") || host.equals("127.0.0.1")) {
      try (Socket upstream = new Socket(InetAddress.getLoopbackAddress(), port)) {
        established(client);
        relay(client, upstream);
      }
      return;
    }
    Network.Endpoint endpoint = network.resolve(host).orElse(null);
    if (endpoint == null || port != 443) {
      refuse(client, 502, host + ":" + port + " is not part of the rehearsal (unknown host)");
      return;
    }
    established(client);
    SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(client, host, port, true);
    secure.setUseClientMode(false);
    // gRPC needs HTTP/2; everything else speaks HTTP/1.1 to the stand-ins.
    secure.setHandshakeApplicationProtocolSelector((socket, offered) ->
        endpoint.http2() ? (offered.contains("h2") ? "h2" : null) : (offered.contains("http/1.1") ? "http/1.1" : offered.isEmpty() ? "" : null));
    secure.startHandshake();
    try (Socket upstream = new Socket(InetAddress.getLoopbackAddress(), endpoint.port())) {
      relay(secure, upstream);
    }
  }

  private static void established(Socket client) throws IOException {
    client.getOutputStream().write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
    client.getOutputStream().flush();
  }

  /** Copies both ways until either side ends, then closes both. */
  private static void relay(Socket a, Socket b) throws IOException {
    Thread back = Thread.ofVirtual().start(() -> copy(b, a));
    copy(a, b);
    try {
      back.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void copy(Socket from, Socket to) {
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      byte[] buffer = new byte[16 * 1024];
      for (int n; (n = in.read(buffer)) >= 0; ) {
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException ended) {
      // One side closed.
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // Closing anyway.
    }
  }

  /** The request line and headers, byte by byte: nothing after them is read (a tunnel's TLS starts there). */
  private static byte[] readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0 || head.size() >= MAX_HEAD_BYTES) {
        throw new IOException("no complete request head");
      }
      head.write(b);
      matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toByteArray();
  }

  /**
   * The head as a server expects it ({@code GET /path?query}, never the proxy's absolute form, whose
   * path may even be empty) for one request only: the connection closes after the answer, so no
   * later request on it can be meant for another host.
   */
  private static byte[] oneRequest(byte[] head, String method, URI target) {
    StringBuilder rewritten = new StringBuilder(method).append(' ')
        .append(target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath())
        .append(target.getRawQuery() == null ? "" : "?" + target.getRawQuery()).append(" HTTP/1.1\r\n");
    String[] lines = new String(head, StandardCharsets.ISO_8859_1).split("\r\n");
    for (int i = 1; i < lines.length; i++) {
      String header = lines[i].toLowerCase(Locale.ROOT);
      if (!lines[i].isEmpty() && !header.startsWith("connection:") && !header.startsWith("proxy-connection:")) {
        rewritten.append(lines[i]).append("\r\n");
      }
    }
    return rewritten.append("Connection: close\r\n\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private static void refuse(Socket client, int status, String message) throws IOException {
    byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
    client.getOutputStream().write(("HTTP/1.1 " + status + " " + (status == 400 ? "Bad Request" : "Bad Gateway") + "\r\nContent-Type: text/plain\r\n"
        + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
    client.getOutputStream().write(body);
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException ignored) {
      // Stopping anyway.
    }
    if (metadata != null) {
      metadata.close();
    }
  }
}
