package dev.backlot.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The shell started for real on a free port and called over HTTP. */
class ShellApplicationTest {
  private static ConfigurableApplicationContext context;
  private static int port;

  @BeforeAll
  static void start() {
    context = SpringApplication.run(ShellApplication.class, "--server.port=0", "--backlot.gateway-url=http://localhost:17007");
    port = ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  @AfterAll
  static void stop() {
    context.close();
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void healthcheckIsOk() throws Exception {
    HttpResponse<String> response = get("/healthcheck");
    assertEquals(200, response.statusCode());
    assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
    assertEquals("{\"status\":\"ok\"}", response.body());
  }

  @Test
  void theLandingPageLinksTheConfiguredGateway() throws Exception {
    HttpResponse<String> response = get("/");
    assertEquals(200, response.statusCode());
    assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
    assertTrue(response.body().contains("<h1>Backlot</h1>"));
    assertTrue(response.body().contains("http://localhost:17007/healthcheck"));
  }
}
