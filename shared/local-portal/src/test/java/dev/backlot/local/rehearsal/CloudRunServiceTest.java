package dev.backlot.local.rehearsal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Cloud Run's invoker check before an instance: who gets through, as roles/run.invoker says. */
class CloudRunServiceTest {
  static final String URL = "https://backlot-catalog-123456789012.europe-west1.run.app";
  static final String GATEWAY = "backlot-gateway@p.iam.gserviceaccount.com";
  static final GoogleAccounts google = new GoogleAccounts();
  static HttpServer instance;
  static CloudRunService catalog;
  static CloudRunService shell;

  @BeforeAll
  static void start() throws Exception {
    instance = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    instance.createContext("/", exchange -> {
      byte[] body = (exchange.getRequestHeaders().getFirst("Host") + " " + exchange.getRequestHeaders().getFirst("X-Forwarded-Proto") + " "
          + exchange.getRequestHeaders().getFirst("Authorization")).getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    instance.start();
    String base = "http://127.0.0.1:" + instance.getAddress().getPort();
    catalog = new CloudRunService("backlot-catalog", List.of("https://backlot-catalog-abc-ew.a.run.app", URL),
        List.of("serviceAccount:" + GATEWAY), google, base, Duration.ofSeconds(10));
    shell = new CloudRunService("backlot-shell", List.of("https://backlot-shell-abc-ew.a.run.app"), List.of("allUsers"), google, base,
        Duration.ofSeconds(10));
  }

  @AfterAll
  static void stop() {
    catalog.close();
    shell.close();
    instance.stop(0);
  }

  static HttpResponse<String> call(CloudRunService service, String authorization) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + "/entities"));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void anInvokersTokenForTheServicesUrlReachesTheInstanceWithItsHostAndAuthorizationOverHttps() throws Exception {
    String token = "Bearer " + google.idToken(GATEWAY, URL);

    HttpResponse<String> answer = call(catalog, token);

    assertEquals(200, answer.statusCode(), answer.body());
    assertEquals("127.0.0.1:" + catalog.port() + " https " + token, answer.body(), "the Host the caller named, not the instance's");
  }

  @Test
  void aRequestWithoutAnIdentityTokenIsRefused() throws Exception {
    assertEquals(401, call(catalog, null).statusCode());
  }

  @Test
  void aTokenMintedForAnotherServiceIsRefused() throws Exception {
    HttpResponse<String> answer = call(catalog, "Bearer " + google.idToken(GATEWAY, "https://backlot-github-123456789012.europe-west1.run.app"));

    assertEquals(401, answer.statusCode());
    assertTrue(answer.body().contains("audience"), answer.body());
  }

  @Test
  void anAccountWithoutRunInvokerIsRefusedEvenWithTheRightAudience() throws Exception {
    HttpResponse<String> answer = call(catalog, "Bearer " + google.idToken("someone@p.iam.gserviceaccount.com", URL));

    assertEquals(403, answer.statusCode());
    assertTrue(answer.body().contains("does not have roles/run.invoker"), answer.body());
  }

  @Test
  void aTokenSignedByAnyoneButGoogleIsRefused() throws Exception {
    String forged = new GoogleAccounts().idToken(GATEWAY, URL);

    assertEquals(401, call(catalog, "Bearer " + forged).statusCode());
  }

  @Test
  void aServiceAllUsersMayInvokeLetsEveryoneIn() throws Exception {
    assertEquals(200, call(shell, null).statusCode());
  }
}
