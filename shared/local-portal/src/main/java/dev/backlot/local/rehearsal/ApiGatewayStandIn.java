package dev.backlot.local.rehearsal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.backlot.local.HttpRelay;
import dev.backlot.platform.http.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * Google API Gateway as the rehearsal stands in for it, configured by nothing but the OpenAPI
 * document Terraform renders: a request whose method and path match an operation goes to that
 * operation's {@code x-google-backend} ({@code address} with the path appended, within {@code
 * deadline} seconds) with a Google ID token of the gateway's own service account for {@code
 * jwt_audience} in {@code Authorization}; the caller's {@code Authorization} travels on as {@code
 * X-Forwarded-Authorization}, as API Gateway passes it. Anything else is answered as API Gateway
 * answers an undefined request. The document declares no security requirement, so the gateway lets
 * every defined request through and the functions decide; one that declared one would need the
 * stand-in to check it, and is refused rather than waved through.
 */
final class ApiGatewayStandIn implements AutoCloseable {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch");

  /** One operation: its method and path template, and where it goes. */
  record Operation(String method, String template, Pattern path, String address, String audience, Duration deadline) {}

  private final List<Operation> operations;
  private final String email;
  private final GoogleAccounts accounts;
  private final HttpRelay relay;
  private final HttpServer server;

  /**
   * @param openapi the rendered OpenAPI 2.0 document
   * @param email the gateway's service account (backend_config.google_service_account)
   * @param egress where the gateway's own calls leave from (it reaches the backends' run.app URLs there)
   */
  ApiGatewayStandIn(String openapi, String email, GoogleAccounts accounts, EgressProxy egress, SSLContext trust) throws IOException {
    this.operations = operations(YAML.readTree(openapi));
    this.email = email;
    this.accounts = accounts;
    this.relay = new HttpRelay(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER)
        .proxy(java.net.ProxySelector.of(new InetSocketAddress("127.0.0.1", egress.port()))).sslContext(trust).build(), "https");
    server = LoopbackHttp.serve(this::handle);
  }

  int port() {
    return server.getAddress().getPort();
  }

  /** The document's operations, the most literal path first (API Gateway prefers an exact path to a wildcard). */
  static List<Operation> operations(JsonNode document) {
    if (document.has("securityDefinitions") || document.has("security") || document.findValue("security") != null) {
      throw new IllegalStateException("the gateway's OpenAPI document declares security requirements; the rehearsal's gateway"
          + " does not check them yet, and will not pretend to");
    }
    List<Operation> operations = new ArrayList<>();
    document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(method -> {
      if (!METHODS.contains(method.getKey())) {
        return;
      }
      JsonNode backend = method.getValue().path("x-google-backend");
      String translation = backend.path("path_translation").asText("");
      if (!translation.equals("APPEND_PATH_TO_ADDRESS")) {
        throw new IllegalStateException(method.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey()
            + ": the rehearsal's gateway implements path_translation APPEND_PATH_TO_ADDRESS only, not '" + translation + "'");
      }
      operations.add(new Operation(method.getKey().toUpperCase(Locale.ROOT), path.getKey(), template(path.getKey()),
          backend.path("address").asText(), backend.path("jwt_audience").asText(backend.path("address").asText()),
          Duration.ofSeconds(backend.path("deadline").asLong(15))));
    }));
    operations.sort(Comparator.comparingInt((Operation o) -> o.template().contains("**") ? 1 : 0)
        .thenComparing(o -> -o.template().length()));
    return List.copyOf(operations);
  }

  /** An OpenAPI path template as a pattern: {@code {name}} is one segment, {@code {name=**}} any number. */
  static Pattern template(String template) {
    StringBuilder regex = new StringBuilder();
    Matcher variables = Pattern.compile("\\{([^}=]+)(=\\*\\*)?}").matcher(template);
    int at = 0;
    while (variables.find()) {
      regex.append(Pattern.quote(template.substring(at, variables.start())));
      regex.append(variables.group(2) != null ? ".+" : "[^/]+");
      at = variables.end();
    }
    regex.append(Pattern.quote(template.substring(at)));
    return Pattern.compile(regex.toString());
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      URI incoming = exchange.getRequestURI();
      Operation operation = operations.stream()
          .filter(o -> o.method().equals(exchange.getRequestMethod()) && o.path().matcher(incoming.getRawPath()).matches())
          .findFirst().orElse(null);
      if (operation == null) {
        HttpRelay.respond(exchange, 404, Json.bytes(Map.of("code", 404, "message", "The current request is not defined by this API.")));
        return;
      }
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      URI target = URI.create(operation.address() + incoming.getRawPath() + (incoming.getRawQuery() == null ? "" : "?" + incoming.getRawQuery()));
      relay.forward(exchange, target, request -> {
        request.timeout(operation.deadline());
        request.setHeader("Authorization", "Bearer " + accounts.idToken(email, operation.audience()));
        if (authorization != null) {
          request.setHeader("X-Forwarded-Authorization", authorization);
        }
      });
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
