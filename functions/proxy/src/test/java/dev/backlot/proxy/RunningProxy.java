package dev.backlot.proxy;

import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import com.google.cloud.functions.invoker.runner.Invoker;
import dev.backlot.platform.Plugin;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.manifest.BundledManifest;
import dev.backlot.testing.TestTokens;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.Map;

/**
 * The proxy function with a test's config under the real Functions Framework invoker on a
 * loopback port. The invoker makes the function by class name, so the config waits in a static
 * field while it starts.
 */
public final class RunningProxy implements AutoCloseable {
  private static volatile Config nextConfig;

  /** What the invoker instantiates: the proxy with the config of the test that is starting it. */
  public static final class ProxyUnderTest implements HttpFunction {
    private final ProxyFunction proxy;

    public ProxyUnderTest() {
      proxy = new ProxyFunction(Plugin.start(BundledManifest.of(ProxyFunction.class), nextConfig, ProxyFunction.class.getClassLoader()));
    }

    @Override
    public void service(HttpRequest request, HttpResponse response) throws Exception {
      proxy.service(request, response);
    }
  }

  private final Invoker invoker;
  private final int port;
  public final HttpClient http = HttpClient.newHttpClient();

  private RunningProxy(Invoker invoker, int port) {
    this.invoker = invoker;
    this.port = port;
  }

  /** Starts the proxy with {@code config} plus the test tokens' auth. */
  public static RunningProxy start(Map<String, ?> config) throws Exception {
    return start(Config.of(TestTokens.withAuth(config)));
  }

  static synchronized RunningProxy start(Config config) throws Exception {
    nextConfig = config;
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Invoker invoker = new Invoker(port, ProxyUnderTest.class.getName(), "http", ProxyUnderTest.class.getClassLoader());
    invoker.startTestServer();
    return new RunningProxy(invoker, port);
  }

  public URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + port + pathAndQuery);
  }

  /** A signed-in request to {@code pathAndQuery}. */
  public java.net.http.HttpRequest.Builder signedIn(String pathAndQuery) {
    return java.net.http.HttpRequest.newBuilder(uri(pathAndQuery)).header("Authorization", TestTokens.authorization());
  }

  java.net.http.HttpResponse<String> send(java.net.http.HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
  }

  java.net.http.HttpResponse<String> get(String pathAndQuery) throws Exception {
    return send(signedIn(pathAndQuery));
  }

  @Override
  public void close() throws Exception {
    invoker.stopServer();
  }
}
