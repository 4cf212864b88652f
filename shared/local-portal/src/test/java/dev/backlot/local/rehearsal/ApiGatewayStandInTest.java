package dev.backlot.local.rehearsal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.sun.net.httpserver.HttpServer;
import dev.backlot.local.oidc.LocalTls;
import dev.backlot.platform.http.Json;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway does what the OpenAPI document says, and nothing else. */
class ApiGatewayStandInTest {
  static final String BACKEND = "backlot-catalog-abc-ew.a.run.app";
  static final String AUDIENCE = "https://backlot-catalog-1.europe-west1.run.app";
  static final String GATEWAY = "backlot-gateway@p.iam.gserviceaccount.com";
  static final String DOCUMENT = """
      swagger: "2.0"
      paths:
        "/api/catalog/healthcheck":
          get:
            x-google-backend: {address: "https://%1$s", path_translation: APPEND_PATH_TO_ADDRESS, jwt_audience: "%2$s", deadline: 60}
        "/api/catalog/{path=**}":
          post:
            x-google-backend: {address: "https://%1$s", path_translation: APPEND_PATH_TO_ADDRESS, jwt_audience: "%2$s", deadline: 60}
      """.formatted(BACKEND, AUDIENCE);

  @TempDir static Path dir;
  static final GoogleAccounts google = new GoogleAccounts();
  static HttpServer backend;
  static EgressProxy egress;
  static ApiGatewayStandIn gateway;

  @BeforeAll
  static void start() throws Exception {
    LocalTls tls = LocalTls.in(dir.resolve("tls"), List.of("*.a.run.app"));
    backend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    backend.createContext("/", exchange -> {
      byte[] body = Json.bytes(Map.of(
          "path", exchange.getRequestURI().toString(),
          "authorization", String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")),
          "forwarded", String.valueOf(exchange.getRequestHeaders().getFirst("X-Forwarded-Authorization"))));
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    backend.start();
    Network network = new Network();
    network.serve(BACKEND, backend.getAddress().getPort());
    egress = new EgressProxy("the API gateway", network, tls.serverContext(), null);
    gateway = new ApiGatewayStandIn(DOCUMENT, GATEWAY, google, egress, tls.sslContext());
  }

  @AfterAll
  static void stop() {
    gateway.close();
    egress.close();
    backend.stop(0);
  }

  static HttpResponse<String> send(String method, String path, String authorization) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path))
        .method(method, HttpRequest.BodyPublishers.noBody());
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aDefinedRequestReachesItsBackendWithTheGatewaysTokenAndTheCallersForwarded() throws Exception {
    HttpResponse<String> answer = send("POST", "/api/catalog/refresh?x=1", "Bearer caller-token");

    assertEquals(200, answer.statusCode(), answer.body());
    JsonNode seen = Json.MAPPER.readTree(answer.body());
    assertEquals("/api/catalog/refresh?x=1", seen.path("path").asText(), "APPEND_PATH_TO_ADDRESS");
    assertEquals("Bearer caller-token", seen.path("forwarded").asText());
    var claims = google.verify(seen.path("authorization").asText().substring("Bearer ".length())).orElseThrow();
    assertEquals(GATEWAY, claims.getStringClaim("email"));
    assertEquals(List.of(AUDIENCE), claims.getAudience(), "jwt_audience");
  }

  @Test
  void aRequestWithoutATokenGoesOnWithTheGatewaysAlone() throws Exception {
    JsonNode seen = Json.MAPPER.readTree(send("GET", "/api/catalog/healthcheck", null).body());

    assertEquals("null", seen.path("forwarded").asText());
    assertTrue(seen.path("authorization").asText().startsWith("Bearer ey"));
  }

  @Test
  void aMethodOrPathTheDocumentDoesNotDefineIsNotForwarded() throws Exception {
    HttpResponse<String> undefined = send("GET", "/api/catalog/entities", "Bearer caller-token");
    HttpResponse<String> elsewhere = send("POST", "/api/github/webhook", null);

    assertEquals(404, undefined.statusCode());
    assertEquals("The current request is not defined by this API.", Json.MAPPER.readTree(undefined.body()).path("message").asText());
    assertEquals(404, elsewhere.statusCode());
  }

  @Test
  void aDocumentWithSecurityRequirementsIsRefusedRatherThanWavedThrough() {
    String secured = DOCUMENT + "securityDefinitions:\n  okta: {type: oauth2}\n";

    assertThrows(IllegalStateException.class, () -> ApiGatewayStandIn.operations(new ObjectMapper(new YAMLFactory()).readTree(secured)));
  }
}
