package dev.backlot.local.rehearsal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.JWTClaimsSet;
import com.sun.net.httpserver.HttpServer;
import dev.backlot.local.oidc.LocalTls;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A process's place on the rehearsal's network: its own metadata server, and Google's names over TLS. */
class EgressProxyTest {
  static final String SERVICE = "backlot-catalog-123456789012.europe-west1.run.app";
  static final String EMAIL = "backlot-catalog@backlot-rehearsal.iam.gserviceaccount.com";

  @TempDir static Path dir;
  static LocalTls tls;
  static final GoogleAccounts google = new GoogleAccounts();
  static final Network network = new Network();
  static HttpServer service;
  static EgressProxy catalog;
  static EgressProxy internet;

  @BeforeAll
  static void start() throws IOException {
    tls = LocalTls.in(dir.resolve("tls"), List.of("*.europe-west1.run.app"));
    service = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    service.createContext("/", exchange -> {
      byte[] body = ("served " + exchange.getRequestURI() + " for " + exchange.getRequestHeaders().getFirst("Host")).getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    service.start();
    network.serve(SERVICE, service.getAddress().getPort());
    catalog = new EgressProxy("catalog", network, tls.serverContext(), new MetadataServer(EMAIL, google, Map.of("id", "p", "number", "1")));
    internet = new EgressProxy("the internet", network, tls.serverContext(), null);
  }

  @AfterAll
  static void stop() {
    catalog.close();
    internet.close();
    service.stop(0);
  }

  static HttpClient behind(EgressProxy proxy) {
    return HttpClient.newBuilder().proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", proxy.port()))).sslContext(tls.sslContext()).build();
  }

  static HttpResponse<String> get(EgressProxy proxy, String url, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return behind(proxy).send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aProcessGetsAnIdTokenOfItsOwnAccountFromMetadataGoogleInternal() throws Exception {
    HttpResponse<String> token = get(catalog, "http://metadata.google.internal/computeMetadata/v1/instance/service-accounts/default/identity"
        + "?audience=https%3A%2F%2Fbacklot-api-docs-1.europe-west1.run.app", "Metadata-Flavor", "Google");

    assertEquals(200, token.statusCode(), token.body());
    JWTClaimsSet claims = google.verify(token.body()).orElseThrow();
    assertEquals(EMAIL, claims.getStringClaim("email"));
    assertEquals(true, claims.getBooleanClaim("email_verified"));
    assertEquals(List.of("https://backlot-api-docs-1.europe-west1.run.app"), claims.getAudience());
    assertEquals("https://accounts.google.com", claims.getIssuer());
  }

  @Test
  void theMetadataServerRefusesARequestWithoutMetadataFlavorGoogle() throws Exception {
    HttpResponse<String> refused = get(catalog, "http://metadata.google.internal/computeMetadata/v1/instance/service-accounts/default/identity?audience=x");

    assertEquals(403, refused.statusCode());
    assertEquals("Google", refused.headers().firstValue("Metadata-Flavor").orElse(null), "it still says what it is");
  }

  @Test
  void googleClientLibrariesRecogniseTheMetadataServerByItsRoot() throws Exception {
    HttpResponse<String> ping = get(catalog, "http://169.254.169.254", "Metadata-Flavor", "Google");

    assertEquals(200, ping.statusCode());
    assertEquals("Google", ping.headers().firstValue("Metadata-Flavor").orElse(null));
  }

  @Test
  void outsideGoogleThereIsNoMetadataServer() throws Exception {
    assertEquals(502, get(internet, "http://metadata.google.internal/computeMetadata/v1/project/project-id", "Metadata-Flavor", "Google").statusCode());
  }

  @Test
  void aRunAppNameIsReachedOverTlsWithItsHostNameAndTheClearTextGoesToTheStandIn() throws Exception {
    HttpResponse<String> answer = get(internet, "https://" + SERVICE + "/healthcheck?x=1");

    assertEquals(200, answer.statusCode());
    assertEquals("served /healthcheck?x=1 for " + SERVICE, answer.body());
  }

  @Test
  void aTaggedRevisionsUrlReachesItsService() throws Exception {
    assertEquals(200, get(internet, "https://candidate-abc---" + SERVICE + "/").statusCode());
  }

  @Test
  void aNameTheRehearsalDoesNotKnowIsUnreachable() {
    assertThrows(IOException.class, () -> get(internet, "https://backlot-unknown-1.europe-west1.run.app/"));
  }

  @Test
  void aJvmIsSentThroughTheProxyByItsFlagsWithLoopbackDirect() {
    List<String> flags = catalog.jvmFlags();

    assertTrue(flags.contains("-Dhttps.proxyPort=" + catalog.port()), flags::toString);
    assertTrue(flags.contains("-Dhttp.nonProxyHosts=localhost|127.*|[::1]"), flags::toString);
  }
}
