package dev.backlot.local.rehearsal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.backlot.local.HttpRelay;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * {@code https://www.googleapis.com/oauth2/v3/certs} as the rehearsal serves it: the public keys of
 * {@link GoogleAccounts}, which every function verifies Google ID tokens with (the platform's
 * default {@code backend.auth.serviceTokens.google.jwksUrl}, reached through its egress proxy).
 */
final class GoogleCerts implements AutoCloseable {
  static final String HOST = "www.googleapis.com";
  static final String PATH = "/oauth2/v3/certs";

  private final HttpServer server;

  GoogleCerts(GoogleAccounts accounts) throws IOException {
    byte[] keys = accounts.jwks().getBytes(StandardCharsets.UTF_8);
    server = LoopbackHttp.serve(exchange -> answer(exchange, keys));
  }

  private static void answer(HttpExchange exchange, byte[] keys) throws IOException {
    try (exchange) {
      if (exchange.getRequestURI().getPath().equals(PATH)) {
        HttpRelay.respond(exchange, 200, keys);
      } else {
        HttpRelay.respond(exchange, 404, dev.backlot.platform.http.Json.bytes(Map.of("error", "not found")));
      }
    }
  }

  int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
