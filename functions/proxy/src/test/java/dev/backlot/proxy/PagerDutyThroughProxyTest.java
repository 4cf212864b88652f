package dev.backlot.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.sun.net.httpserver.HttpExchange;
import dev.backlot.platform.config.ConfigLoader;
import dev.backlot.platform.http.Json;
import dev.backlot.testing.TestTokens;
import java.io.IOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The PagerDuty UI plugin's calls (plugins/pagerduty, docs/ui-plugins.md), exactly as its card
 * makes them, through the real proxy to a PagerDuty stand-in answering with the example responses
 * of PagerDuty's API reference the card's own tests use (plugins/pagerduty/src/recorded): the API
 * token is added here, the caller's `From` reaches PagerDuty only because the endpoint allows it.
 */
class PagerDutyThroughProxyTest {
  private static final String TOKEN = "pd-token-5e1b77c2";
  private static final Path RECORDED = Path.of("").toAbsolutePath().getParent().getParent().resolve("plugins/pagerduty/src/recorded");
  private static TargetServer pagerDuty;
  private static RunningProxy proxy;

  @BeforeAll
  static void start() throws Exception {
    pagerDuty = TargetServer.start();
    Map<String, Object> config = TestTokens.withAuth(Map.of("proxy", Map.of("endpoints", Map.of(
        "/pagerduty", Map.of("target", pagerDuty.url(), "internal", true, "allowedHeaders", List.of("From"),
            "headers", Map.of("Authorization", "Token token=${PAGERDUTY_TOKEN}", "Accept", "application/vnd.pagerduty+json;version=2"))))));
    Path dir = Files.createTempDirectory("proxy-pagerduty");
    Files.writeString(dir.resolve("app-config.yaml"), Json.MAPPER.writeValueAsString(config));
    proxy = RunningProxy.start(ConfigLoader.fromEnvironment().directory(dir).env("test").environment(Map.of("PAGERDUTY_TOKEN", TOKEN)::get).load());
  }

  @AfterAll
  static void stop() throws Exception {
    proxy.close();
    pagerDuty.close();
  }

  @BeforeEach
  void answerAsPagerDuty() {
    pagerDuty.reset();
    pagerDuty.answerWith(PagerDutyThroughProxyTest::answer);
  }

  private static void answer(HttpExchange exchange) throws IOException {
    TargetServer.Received received = pagerDuty.record(exchange);
    String path = received.rawPath();
    int status = 200;
    String body;
    if (received.method().equals("POST") && path.equals("/incidents")) {
      status = 201;
      body = Files.readString(RECORDED.resolve("incident-created.json"));
    } else if (path.equals("/services/PIJ90N7")) {
      body = Files.readString(RECORDED.resolve("service.json"));
    } else if (path.equals("/services")) {
      body = Files.readString(RECORDED.resolve("services-by-integration-key.json"));
    } else if (path.equals("/oncalls")) {
      body = Files.readString(RECORDED.resolve("oncalls.json"));
    } else if (path.equals("/incidents")) {
      body = Files.readString(RECORDED.resolve("incidents.json"));
    } else {
      status = 404;
      body = "{\"error\":{\"message\":\"Not Found\",\"code\":2100}}";
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  @Test
  void theCardsReadsReachPagerDutyWithTheTokenAndComeBackAsPagerDutySentThem() throws Exception {
    Map<String, String> reads = Map.of(
        "/api/proxy/pagerduty/services/PIJ90N7", "service.json",
        "/api/proxy/pagerduty/services?time_zone=UTC&include%5B%5D=integrations&include%5B%5D=escalation_policies"
            + "&query=8c742e4a2bd54f0e8d0c5ef1a2b3c4d5", "services-by-integration-key.json",
        "/api/proxy/pagerduty/oncalls?escalation_policy_ids%5B%5D=PT20YPA&earliest=true", "oncalls.json",
        "/api/proxy/pagerduty/incidents?service_ids%5B%5D=PIJ90N7&statuses%5B%5D=triggered&statuses%5B%5D=acknowledged"
            + "&sort_by=created_at%3Adesc&limit=10", "incidents.json");
    for (var read : reads.entrySet()) {
      var response = proxy.get(read.getKey());
      assertEquals(200, response.statusCode(), response.body());
      assertEquals(Json.MAPPER.readTree(RECORDED.resolve(read.getValue()).toFile()), Json.MAPPER.readTree(response.body()), read.getKey());
      assertFalse(response.body().contains(TOKEN));
    }
    List<TargetServer.Received> received = pagerDuty.received();
    assertEquals(4, received.size());
    for (TargetServer.Received one : received) {
      assertEquals("Token token=" + TOKEN, one.header("authorization"), "the API token from the config, not the caller's");
      assertEquals("application/vnd.pagerduty+json;version=2", one.header("accept"));
    }
    assertEquals("escalation_policy_ids%5B%5D=PT20YPA&earliest=true",
        received.stream().filter(one -> one.rawPath().equals("/oncalls")).findFirst().orElseThrow().rawQuery());
  }

  @Test
  void raisingAnIncidentPassesWhoRaisesItAndTheBodyAsTheCardSentThem() throws Exception {
    String body = "{\"incident\":{\"type\":\"incident\",\"title\":\"Payments fail\",\"service\":{\"id\":\"PIJ90N7\",\"type\":\"service_reference\"},"
        + "\"body\":{\"type\":\"incident_body\",\"details\":\"Every card is declined\"}}}";
    var response = proxy.send(proxy.signedIn("/api/proxy/pagerduty/incidents").header("From", "grace.hopper@acme.example")
        .header("Content-Type", "application/json").POST(BodyPublishers.ofString(body)));
    assertEquals(201, response.statusCode(), response.body());
    assertEquals(Json.MAPPER.readTree(RECORDED.resolve("incident-created.json").toFile()), Json.MAPPER.readTree(response.body()));
    TargetServer.Received received = pagerDuty.received().getFirst();
    assertEquals("POST", received.method());
    assertEquals("grace.hopper@acme.example", received.header("from"));
    assertEquals("application/json", received.header("content-type"));
    assertEquals("Token token=" + TOKEN, received.header("authorization"));
    assertEquals(body, new String(received.body(), StandardCharsets.UTF_8));
  }
}
