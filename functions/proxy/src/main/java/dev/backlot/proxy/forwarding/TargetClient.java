package dev.backlot.proxy.forwarding;

import dev.backlot.proxy.endpoints.ProxyEndpoint;
import java.io.IOException;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.util.Timeout;

/**
 * One endpoint's HTTP client, with its own connection pool so that a connection checked for one
 * endpoint's address rules never serves another. It follows no redirects, keeps no cookies,
 * retries nothing, leaves bodies as they are (no decompression) and takes no proxy from the
 * system properties; {@code proxyTimeout} bounds connecting, waiting for the answer and each
 * pause between two reads.
 */
final class TargetClient implements AutoCloseable {
  private final CloseableHttpClient client;

  TargetClient(ProxyEndpoint endpoint) {
    Timeout timeout = Timeout.of(endpoint.timeout());
    var connections = PoolingHttpClientConnectionManagerBuilder.create()
        .setDnsResolver(new CheckedDnsResolver(endpoint.internal()))
        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(timeout).setSocketTimeout(timeout).build())
        .setMaxConnPerRoute(100)
        .setMaxConnTotal(100)
        .build();
    this.client = HttpClients.custom()
        .setConnectionManager(connections)
        .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(timeout).setConnectionRequestTimeout(timeout)
            .setRedirectsEnabled(false).build())
        .disableRedirectHandling()
        .disableCookieManagement()
        .disableAutomaticRetries()
        .disableContentCompression()
        .disableAuthCaching()
        .disableDefaultUserAgent()
        .build();
  }

  /** Sends {@code request}; the caller closes the answer once its body is passed on. */
  ClassicHttpResponse open(ClassicHttpRequest request) throws IOException {
    return client.executeOpen(null, request, null);
  }

  @Override
  public void close() throws IOException {
    client.close();
  }
}
