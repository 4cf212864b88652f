package dev.backlot.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jwt.JWTParser;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The permission function's {@code POST /authorize} on loopback, answering from a table of
 * decisions by person (the subject of the token forwarded in {@code X-Forwarded-Authorization}, or
 * the static-token principal {@code X-Backlot-Decide-For} names)
 * and permission name; what the table does not hold is DENY, as RBAC's default is. It records
 * each batch it was sent, so tests count round trips and check the credentials that came with
 * them. The decisions are wire JSON: {@code {"result":"ALLOW"}}, or a CONDITIONAL with conditions.
 */
public final class PermissionServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One batch as it arrived: the two credentials, the static-token principal named instead of a forwarded token, and the body. */
  public record Received(String authorization, String forwardedAuthorization, String decideFor, JsonNode body) {}

  private final HttpServer server;
  private final Map<String, JsonNode> table = new ConcurrentHashMap<>();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private volatile int status = 200;

  private PermissionServer(HttpServer server) {
    this.server = server;
  }

  public static PermissionServer start() {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    PermissionServer permissions = new PermissionServer(server);
    server.createContext("/api/permission/authorize", exchange -> {
      JsonNode body = JSON.readTree(exchange.getRequestBody());
      String forwarded = exchange.getRequestHeaders().getFirst("X-Forwarded-Authorization");
      String decideFor = exchange.getRequestHeaders().getFirst("X-Backlot-Decide-For");
      permissions.received.add(new Received(exchange.getRequestHeaders().getFirst("Authorization"), forwarded, decideFor, body));
      byte[] answer = JSON.writeValueAsBytes(permissions.answer(decideFor != null ? decideFor : subject(forwarded), body));
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(permissions.status, answer.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer);
      }
    });
    server.start();
    return permissions;
  }

  /** The discovery base URL of the permission plugin: {@code http://127.0.0.1:<port>/api/permission}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/permission";
  }

  /** Decides {@code permission} for {@code subject} with {@code decision} (wire JSON without the id). */
  public PermissionServer decide(String subject, String permission, String decision) {
    try {
      table.put(subject + "\n" + permission, JSON.readTree(decision));
    } catch (IOException e) {
      throw new IllegalArgumentException(decision, e);
    }
    return this;
  }

  /**
   * Decides {@code permission} on the resource {@code resourceRef} for {@code subject}, as the
   * permission function does once the owning plugin applied its conditions (ALLOW or DENY); items
   * naming another resource fall back to {@link #decide}'s decision.
   */
  public PermissionServer decideOn(String subject, String permission, String resourceRef, String decision) {
    return decide(subject, permission + "\n" + resourceRef, decision);
  }

  /** Answers every batch with this status from now on (200 again to recover). */
  public void answerWith(int status) {
    this.status = status;
  }

  public List<Received> received() {
    return List.copyOf(received);
  }

  public void forget() {
    received.clear();
    table.clear();
    status = 200;
  }

  private ObjectNode answer(String subject, JsonNode body) {
    ObjectNode answer = JSON.createObjectNode();
    ArrayNode items = answer.putArray("items");
    for (JsonNode item : body.path("items")) {
      String permission = subject + "\n" + item.path("permission").path("name").asText();
      JsonNode decision = item.hasNonNull("resourceRef") && table.containsKey(permission + "\n" + item.path("resourceRef").asText())
          ? table.get(permission + "\n" + item.path("resourceRef").asText())
          : table.get(permission);
      ObjectNode decided = items.addObject().put("id", item.path("id").asText());
      if (decision == null) {
        decided.put("result", "DENY");
      } else {
        decided.setAll((ObjectNode) decision);
      }
    }
    return answer;
  }

  private static String subject(String authorization) {
    try {
      return JWTParser.parse(authorization.replaceFirst("(?i)^bearer ", "")).getJWTClaimsSet().getSubject();
    } catch (Exception e) {
      return "";
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
