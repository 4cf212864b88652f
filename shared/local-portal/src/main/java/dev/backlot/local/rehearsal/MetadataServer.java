package dev.backlot.local.rehearsal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.backlot.platform.http.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The metadata server of one Cloud Run instance (or of the Cloud Build step), as the rehearsal
 * stands in for it: it answers for exactly one service account, which is how Google knows who
 * asks. It serves what the functions, the shell and Google's client libraries read from
 * {@code http://metadata.google.internal}: ID tokens for an audience, access tokens, the account's
 * email, the project and the universe domain. As Google's, it refuses requests without {@code
 * Metadata-Flavor: Google} and requests a proxy forwarded ({@code X-Forwarded-For}), and tags every
 * answer with {@code Metadata-Flavor: Google} (client libraries recognise a metadata server so).
 */
final class MetadataServer implements AutoCloseable {
  private static final String ACCOUNT = "/computeMetadata/v1/instance/service-accounts/default/";

  private final HttpServer server;
  private final String email;
  private final GoogleAccounts accounts;
  private final Map<String, String> project;

  /** {@code project} holds the project's {@code id} and {@code number}. */
  MetadataServer(String email, GoogleAccounts accounts, Map<String, String> project) throws IOException {
    this.email = email;
    this.accounts = accounts;
    this.project = project;
    server = LoopbackHttp.serve(this::handle);
  }

  int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      exchange.getResponseHeaders().put("Metadata-Flavor", List.of("Google"));
      String path = exchange.getRequestURI().getPath();
      if (path.isEmpty() || path.equals("/")) {
        respond(exchange, 200, "text/plain", "computeMetadata/\n");
        return;
      }
      if (!"Google".equals(exchange.getRequestHeaders().getFirst("Metadata-Flavor"))) {
        respond(exchange, 403, "text/html", "Missing required header: Metadata-Flavor\n");
        return;
      }
      if (exchange.getRequestHeaders().containsKey("X-Forwarded-For")) {
        respond(exchange, 403, "text/html", "Request contains X-Forwarded-For: the metadata server answers no forwarded requests\n");
        return;
      }
      Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
      switch (path) {
        case ACCOUNT + "identity" -> {
          String audience = query.get("audience");
          if (audience == null || audience.isBlank()) {
            respond(exchange, 400, "text/html", "non-empty audience parameter required\n");
          } else {
            respond(exchange, 200, "text/plain", accounts.idToken(email, audience));
          }
        }
        case ACCOUNT + "token" -> respond(exchange, 200, "application/json", Json.MAPPER.writeValueAsString(Map.of(
            "access_token", accounts.accessToken(email), "expires_in", GoogleAccounts.LIFETIME.toSeconds() - 1, "token_type", "Bearer")));
        case ACCOUNT + "email" -> respond(exchange, 200, "text/plain", email);
        case ACCOUNT + "scopes" -> respond(exchange, 200, "text/plain", "https://www.googleapis.com/auth/cloud-platform\n");
        case "/computeMetadata/v1/project/project-id" -> respond(exchange, 200, "text/plain", project.get("id"));
        case "/computeMetadata/v1/project/numeric-project-id" -> respond(exchange, 200, "text/plain", project.get("number"));
        case "/computeMetadata/v1/universe/universe-domain" -> respond(exchange, 200, "text/plain", "googleapis.com");
        default -> respond(exchange, 404, "text/html", "Not Found\n");
      }
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> parameters = new HashMap<>();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int equals = pair.indexOf('=');
        String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
        parameters.put(name, equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
      }
    }
    return parameters;
  }

  private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().put("Content-Type", List.of(type));
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
