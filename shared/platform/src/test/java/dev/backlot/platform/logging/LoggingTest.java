package dev.backlot.platform.logging;

import dev.backlot.platform.http.Access;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import com.google.cloud.functions.invoker.runner.Invoker;
import dev.backlot.platform.http.Router;
import dev.backlot.testing.Poll;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LoggingTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Logs inside a request, so the line must carry the request's trace. */
  public static final class LoggingFunction implements HttpFunction {
    private final Router router = new Router("/api/logs")
        .get("/work", Access.PUBLIC, req -> {
          Logger.getLogger("dev.backlot.sample").info("working on it");
          return Map.of("ok", true);
        })
        .get("/boom", Access.PUBLIC, req -> {
          throw new IllegalStateException("kaboom");
        });

    @Override
    public void service(HttpRequest request, HttpResponse response) throws Exception {
      router.dispatch(request, response);
    }
  }

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  // Before each as well: a BacklotFunction started by an earlier test class configured logging already.
  @BeforeEach
  @AfterEach
  void restore() {
    Logging.reset();
  }

  @Test
  void cloudRunGetsStructuredJsonWithTraceAndHttpRequest() throws Exception {
    Logging.configure(Map.of("K_SERVICE", "backlot-logs", "GOOGLE_CLOUD_PROJECT", "acme-dev"), new PrintStream(out, true));
    serve("/api/logs/work", "traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");

    List<JsonNode> lines = jsonLines();
    JsonNode app = find(lines, "working on it");
    assertEquals("INFO", app.get("severity").asText());
    assertEquals("projects/acme-dev/traces/4bf92f3577b34da6a3ce929d0e0e4736", app.get("logging.googleapis.com/trace").asText());
    assertEquals("00f067aa0ba902b7", app.get("logging.googleapis.com/spanId").asText());
    assertTrue(app.get("logging.googleapis.com/trace_sampled").asBoolean());

    JsonNode request = find(lines, "GET /api/logs/work 200");
    assertEquals("GET", request.at("/httpRequest/requestMethod").asText());
    assertEquals(200, request.at("/httpRequest/status").asInt());
    assertTrue(request.at("/httpRequest/latency").asText().endsWith("s"));
    assertEquals("projects/acme-dev/traces/4bf92f3577b34da6a3ce929d0e0e4736", request.get("logging.googleapis.com/trace").asText());
  }

  @Test
  void googlesLegacyTraceHeaderIsUnderstood() throws Exception {
    Logging.configure(Map.of("K_SERVICE", "backlot-logs", "GOOGLE_CLOUD_PROJECT", "acme-dev"), new PrintStream(out, true));
    serve("/api/logs/work", "X-Cloud-Trace-Context", "105445aa7843bc8bf206b12000100000/1;o=1");

    JsonNode app = find(jsonLines(), "working on it");
    assertEquals("projects/acme-dev/traces/105445aa7843bc8bf206b12000100000", app.get("logging.googleapis.com/trace").asText());
    assertEquals("0000000000000001", app.get("logging.googleapis.com/spanId").asText());
  }

  @Test
  void errorsCarryTheirStackTraceForErrorReporting() throws Exception {
    Logging.configure(Map.of("K_SERVICE", "backlot-logs"), new PrintStream(out, true));
    serve("/api/logs/boom", "X-Request", "1");

    List<JsonNode> lines = jsonLines();
    JsonNode error = lines.stream().filter(l -> l.get("severity").asText().equals("ERROR")).findFirst().orElseThrow();
    assertTrue(error.get("message").asText().contains("java.lang.IllegalStateException: kaboom"));
    assertTrue(error.get("message").asText().contains("\tat "));
    assertEquals("WARNING", find(lines, "GET /api/logs/boom 500").get("severity").asText());
  }

  @Test
  void localRunsGetReadableLines() throws Exception {
    Logging.configure(Map.of(), new PrintStream(out, true));
    Logger.getLogger("dev.backlot.sample.Thing").log(Level.WARNING, "disk {0} is full", "sda");
    String text = out.toString(StandardCharsets.UTF_8);
    assertTrue(text.matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} WARNING Thing: disk sda is full\\n"), text);
    assertFalse(text.startsWith("{"));
  }

  private void serve(String path, String header, String value) throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Invoker invoker = new Invoker(port, LoggingFunction.class.getName(), "http", getClass().getClassLoader());
    invoker.startTestServer();
    try {
      HttpClient.newHttpClient().send(
          java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header(header, value).build(),
          java.net.http.HttpResponse.BodyHandlers.discarding());
      // The request line is logged after the answer is sent; wait (bounded) for it before stopping.
      Poll.until(Duration.ofSeconds(2), () -> out.toString(StandardCharsets.UTF_8).contains("GET " + path + " "),
          () -> out.toString(StandardCharsets.UTF_8));
    } finally {
      invoker.stopServer();
    }
  }

  private List<JsonNode> jsonLines() throws Exception {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
      if (line.startsWith("{")) {
        lines.add(JSON.readTree(line));
      }
    }
    return lines;
  }

  private static JsonNode find(List<JsonNode> lines, String messagePrefix) {
    return lines.stream()
        .filter(l -> l.get("message").asText().startsWith(messagePrefix))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no line starting '" + messagePrefix + "' in " + lines));
  }
}
