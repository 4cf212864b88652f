package dev.backlot.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shell's image as Cloud Build makes it, minus the registry: image/aot-train.sh lays the
 * packaged shell out as Jib does (under a scratch root instead of /app) and trains its AOT cache;
 * then the shell starts from that layout with the image's argument file and {@code
 * -XX:AOTMode=on}, which makes the JVM refuse to start when the cache does not fit this JDK and
 * class path, and serves its health check and the redirect to sign-in.
 */
class ShellImageIT {
  private static final Path MODULE = Path.of("").toAbsolutePath();
  private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @Test
  void theTrainedCacheStartsTheShellFromTheImagesLayout(@TempDir Path dir) throws Exception {
    assumeTrue(Runtime.version().feature() >= 25, "AOT caches need JDK 25; this JVM is " + Runtime.version());
    Path app = dir.resolve("app");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    ProcessBuilder training = new ProcessBuilder("bash", MODULE.getParent().resolve("image/aot-train.sh").toString(), MODULE.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("training.log").toFile());
    training.environment().putAll(Map.of("BACKLOT_IMAGE_ROOT", app.toString(), "BACKLOT_TRAINING_PORT", String.valueOf(freePort()),
        "PATH", Path.of(java).getParent() + ":" + System.getenv("PATH")));
    Process trainer = training.start();
    assertTrue(trainer.waitFor(5, TimeUnit.MINUTES), "training finished");
    String log = Files.readString(dir.resolve("training.log"));
    assertEquals(0, trainer.exitValue(), log);
    assertTrue(log.contains("training GET /: HTTP/1.1 302"), log);
    assertTrue(Files.size(app.resolve("aot/shell.aot")) > 0);

    int port = freePort();
    ProcessBuilder shell = new ProcessBuilder(java, "-XX:AOTMode=on", "-XX:AOTCache=" + app.resolve("aot/shell.aot"), "@" + app.resolve("jvm.args"))
        .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("shell.log").toFile());
    // The environment Terraform gives the shell's service (terraform/modules/platform/shell.tf),
    // reading the config layers the image holds, the production one included.
    shell.environment().putAll(Map.of("PORT", String.valueOf(port), "BACKLOT_CONFIG_DIR", app.resolve("config").toString(),
        "BACKLOT_ENV", "production", "OKTA_OAUTH2_ISSUER", "https://127.0.0.1:9/oauth2/default", "OKTA_OAUTH2_CLIENT_ID", "image-test",
        "OKTA_OAUTH2_CLIENT_SECRET", "image-test", "BACKEND_AUTH_USERTOKENS_SIGNINGKEY", newSigningKey(java, app),
        "BACKEND_BASEURL", "https://gateway.example", "BACKLOT_DISCOVERY_TARGET", "https://backlot-{{pluginId}}-x.a.run.app/api/{{pluginId}}",
        "BACKLOT_PLUGINS", "catalog"));
    Process running = shell.start();
    try {
      assertEquals(200, awaitStatus(running, port, "/healthcheck", dir.resolve("shell.log")));
      HttpResponse<Void> page = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
          .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.discarding());
      assertEquals(302, page.statusCode());
      // Outside http://localhost both cookies are Secure; the session's stays out of scripts' reach.
      String session = SignInTest.setCookie(page, "JSESSIONID");
      assertTrue(session.contains("; Secure") && session.contains("; HttpOnly") && session.contains("; SameSite=Lax"), session);
      String csrf = SignInTest.setCookie(page, "XSRF-TOKEN");
      assertTrue(csrf.contains("; Secure") && csrf.contains("; SameSite=Lax"), csrf);
      assertEquals(List.of("http://127.0.0.1:" + port + "/oauth2/authorization/okta"), page.headers().allValues("Location"));
      HttpResponse<Void> signIn = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/oauth2/authorization/okta"))
          .build(), HttpResponse.BodyHandlers.discarding());
      String authorize = signIn.headers().firstValue("Location").orElse("");
      assertTrue(authorize.startsWith("https://127.0.0.1:9/oauth2/default/v1/authorize?") && authorize.contains("client_id=image-test"),
          "the Okta client Terraform configures: " + authorize);
    } finally {
      running.destroy();
      running.waitFor(30, TimeUnit.SECONDS);
    }
  }

  private static String newSigningKey(String java, Path app) throws Exception {
    String classpath = String.join(":", app.resolve("classpath/frontend-shell.jar").toString(), app.resolve("libs") + "/*");
    Process generator = new ProcessBuilder(java, "-cp", classpath, NewSigningKey.class.getName()).redirectErrorStream(true).start();
    String key = new String(generator.getInputStream().readAllBytes()).strip();
    assertEquals(0, generator.waitFor(), key);
    return key;
  }

  private static int awaitStatus(Process shell, int port, String path, Path log) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (System.nanoTime() < deadline) {
      assertTrue(shell.isAlive(), () -> "the shell exited: " + read(log));
      try {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode();
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    throw new AssertionError("no answer on " + path + ": " + read(log));
  }

  private static String read(Path log) {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return e.toString();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
