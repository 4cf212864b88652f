package dev.backlot.testing;

import java.net.Socket;
import java.net.URI;
import java.util.Optional;

/**
 * The real Redis tests run against: {@code BACKLOT_TEST_REDIS_URL}, else the default port on
 * loopback. Without one the test is skipped, except on CI, which must run it.
 */
public final class TestRedis {
  public static final String URL = Optional.ofNullable(System.getenv("BACKLOT_TEST_REDIS_URL")).orElse("redis://127.0.0.1:6379");

  private TestRedis() {}

  /** {@link #URL} once something listens there; otherwise skips the calling test (fails it on CI). */
  public static String url() {
    URI uri = URI.create(URL);
    try (Socket socket = new Socket()) {
      // Nothing listening on loopback answers at once; a remote host that drops packets must not hang the test.
      socket.connect(new java.net.InetSocketAddress(uri.getHost(), uri.getPort() == -1 ? 6379 : uri.getPort()), 1000);
      return URL;
    } catch (Exception e) {
      String reason = "Redis tests skipped: nothing listens at " + URL + " (set BACKLOT_TEST_REDIS_URL)";
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError("CI must run the Redis cases: " + reason);
      }
      return org.junit.jupiter.api.Assumptions.abort(reason);
    }
  }
}
