package dev.backlot.platform.http;

import java.net.http.HttpClient;
import java.time.Duration;

/**
 * The java.net.http client a function's outgoing calls share: 10 s to connect, redirects not
 * followed. Built at the first call, not at start-up: building a JVM's first HttpClient sets up
 * TLS and reads the trust store, which cost the catalog about 0.5 s of its cold start
 * (docs/performance.md).
 */
public final class SharedHttpClient {
  private SharedHttpClient() {}

  private static final class Holder {
    static final HttpClient CLIENT = HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(10))
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  public static HttpClient get() {
    return Holder.CLIENT;
  }
}
