package dev.backlot.shell;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * GitHub's REST API for the journey's GitHub Actions tab, on loopback: the workflow runs and a
 * run's jobs of {@code acme/checkout-service} (examples/' project-slug), from the github
 * function's own test answers, GitHub's API reference examples (the jobs example for any run),
 * and re-runs, counted.
 * Anything else is GitHub's 404.
 */
final class JourneyGitHub implements AutoCloseable {
  static final String REPO = "/repos/acme/checkout-service/actions/runs";
  private static final Path ANSWERS = LocalFunctions.ROOT.resolve("functions/github/src/test/resources/github/actions");

  private final HttpServer server;
  private final AtomicInteger reruns = new AtomicInteger();

  JourneyGitHub() throws IOException {
    byte[] runs = answer("workflow-runs.json");
    byte[] jobs = answer("run-jobs.json");
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      try (exchange) {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        byte[] body = null;
        int status = 200;
        if (method.equals("GET") && path.equals(REPO)) {
          body = runs;
        } else if (method.equals("GET") && path.matches(REPO + "/[0-9]+/jobs")) {
          body = jobs;
        } else if (method.equals("POST") && path.matches(REPO + "/[0-9]+/rerun")) {
          reruns.incrementAndGet();
          status = 201;
        } else {
          status = 404;
          body = "{\"message\":\"Not Found\",\"documentation_url\":\"https://docs.github.com/rest\"}".getBytes(StandardCharsets.UTF_8);
        }
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, body == null ? -1 : body.length);
        if (body != null) {
          exchange.getResponseBody().write(body);
        }
      }
    });
    server.start();
  }

  /** One of the github function's GitHub answers, moved to examples/' repository. */
  private static byte[] answer(String file) throws IOException {
    return Files.readString(ANSWERS.resolve(file)).replace("octo-org/octo-repo", "acme/checkout-service").getBytes(StandardCharsets.UTF_8);
  }

  /** The API base URL, as integrations.github's apiBaseUrl names it. */
  String apiBaseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  int reruns() {
    return reruns.get();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
