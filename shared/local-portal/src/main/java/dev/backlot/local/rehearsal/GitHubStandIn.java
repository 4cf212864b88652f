package dev.backlot.local.rehearsal;

import dev.backlot.local.Readiness;
import dev.backlot.local.ShellLaunch;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * GitHub's REST API (api.github.com) for the rehearsed organisation {@code acme}, as WireMock
 * serves it from GitHub's response shapes ({@code github/mappings.json}): the GitHub App's
 * installation and token, the catalog file of {@code acme/portal-catalog}, the organisation's team
 * and member with their profile. WireMock runs as its own process on the class path of {@code
 * shared/local-portal/target/wiremock-classpath.txt}, so it never joins the portal's.
 */
final class GitHubStandIn implements AutoCloseable {
  static final String ORGANIZATION = "acme";
  static final String APP_ID = "4242";
  static final String CATALOG_FILE = "https://github.com/acme/portal-catalog/blob/main/catalog-info.yaml";
  /** The team org sync turns into a Group. */
  static final String TEAM_GROUP = "group:default/rehearsal-team";
  /** The template in the catalog file, which the journey runs as a scaffolder task (no GitHub step). */
  static final String TEMPLATE = "template:default/rehearsal-template";
  private static final String RESOURCES = "/dev/backlot/local/rehearsal/github/";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final int port;
  private final Path files;

  private GitHubStandIn(Process process, int port, Path files) {
    this.process = process;
    this.port = port;
    this.files = files;
  }

  /** Starts WireMock on a free loopback port with its mappings and files in {@code dir}. */
  static GitHubStandIn start(Path root, Path dir, int port) throws IOException, InterruptedException {
    Path mappings = Files.createDirectories(dir.resolve("mappings"));
    Path files = Files.createDirectories(dir.resolve("__files"));
    copy("mappings.json", mappings.resolve("github.json"));
    copy("catalog-info.yaml", files.resolve("catalog-info.yaml"));
    Path classpath = root.resolve("shared/local-portal/target/wiremock-classpath.txt");
    if (!Files.isRegularFile(classpath)) {
      throw new IllegalStateException(root.relativize(classpath) + " is missing: build the local portal (./mvnw -q package -pl shared/local-portal -am)");
    }
    Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", Files.readString(classpath).strip(), "wiremock.Run",
        "--port", Integer.toString(port), "--bind-address", "127.0.0.1", "--root-dir", dir.toString(), "--disable-banner")
        .redirectErrorStream(true).redirectOutput(dir.resolve("wiremock.log").toFile()).start();
    GitHubStandIn github = new GitHubStandIn(process, port, files);
    github.awaitHealthy(dir.resolve("wiremock.log"));
    return github;
  }

  int port() {
    return port;
  }

  /** The catalog file as a push changes it: its component's description says version 2. */
  void push() {
    copy("catalog-info-pushed.yaml", files.resolve("catalog-info.yaml"));
  }

  /** The {@code push} event GitHub delivers for that change to acme/portal-catalog's main. */
  static byte[] pushEvent() {
    try (InputStream in = GitHubStandIn.class.getResourceAsStream(RESOURCES + "push.json")) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void copy(String resource, Path target) {
    try (InputStream in = GitHubStandIn.class.getResourceAsStream(RESOURCES + resource)) {
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void awaitHealthy(Path log) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).proxy(HttpClient.Builder.NO_PROXY).build();
    HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/__admin/health")).build();
    try {
      Readiness.await(process, "the GitHub stand-in (WireMock)",
          () -> http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200, START_TIMEOUT, Duration.ofMillis(50));
    } catch (IllegalStateException e) {
      close();
      throw new IllegalStateException(e.getMessage() + "; its log:\n" + Files.readString(log), e);
    }
  }


  @Override
  public void close() {
    try {
      ShellLaunch.stop(process);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
