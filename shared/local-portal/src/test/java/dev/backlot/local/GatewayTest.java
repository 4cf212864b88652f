package dev.backlot.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlot.platform.http.Json;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewayTest {
  @Test
  void aPluginThatIsDownIs502() throws Exception {
    int closed = FunctionLauncher.freePort();
    try (Gateway gateway = new Gateway(new InetSocketAddress("127.0.0.1", 0), Map.of("/api/gone", "http://127.0.0.1:" + closed)).start()) {
      HttpResponse<String> response = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/api/gone/x")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(502, response.statusCode());
      JsonNode body = Json.MAPPER.readTree(response.body());
      assertEquals("BadGatewayError", body.at("/error/name").asText());
      assertEquals("GET", body.at("/request/method").asText());
    }
  }
}
