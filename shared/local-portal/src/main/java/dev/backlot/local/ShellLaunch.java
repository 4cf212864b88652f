package dev.backlot.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;

/**
 * How the shell's JVM is launched by the local portal and the benchmark: its plain jar and runtime
 * dependencies with the functions' flags, as the image runs it, and an AOT cache trained on the
 * first start (signed out, as a browser first meets the shell) and reused until a rebuild.
 */
public final class ShellLaunch {
  static final String MAIN_CLASS = "dev.backlot.shell.ShellApplication";
  static final List<String> TRAINING_PATHS = List.of("/healthcheck", "/.well-known/jwks.json", "/", "/oauth2/authorization/okta");

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1))
      .followRedirects(HttpClient.Redirect.NEVER).build();

  private ShellLaunch() {}

  public static Path jar(Path root) {
    return root.resolve("frontend-shell/target/frontend-shell.jar");
  }

  /** Spring Boot's fat jar, for {@code java -jar}. */
  public static Path executableJar(Path root) {
    return root.resolve("frontend-shell/target/frontend-shell-exec.jar");
  }

  static boolean isBuilt(Path root) {
    return Files.isRegularFile(jar(root)) && Files.isRegularFile(root.resolve("frontend-shell/target/runtime-classpath.txt"));
  }

  public static List<Path> classpath(Path root) {
    List<Path> entries = new ArrayList<>(List.of(jar(root)));
    try {
      for (String entry : Files.readString(root.resolve("frontend-shell/target/runtime-classpath.txt")).strip().split(java.io.File.pathSeparator)) {
        if (!entry.isBlank()) {
          entries.add(Path.of(entry));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("the shell is not built: no frontend-shell/target/runtime-classpath.txt", e);
    }
    return entries;
  }

  /** {@code java <jvmFlags> -cp <the shell's class path> ShellApplication --server.port=<port>}. */
  public static List<String> command(Path root, List<String> jvmFlags, int port) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(jvmFlags);
    command.add("-cp");
    command.add(classpath(root).stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator)));
    command.add(MAIN_CLASS);
    command.add("--server.port=" + port);
    return command;
  }

  /**
   * The shell's AOT cache in {@code cacheDir}, trained now if this build of it has none; null when
   * the JVM cannot make one (before JDK 25) or wrote none, and the shell then starts without it.
   * {@code extraFlags} (system properties) and {@code env} are those the shell will run with.
   */
  public static Path trainedCache(Path root, Path cacheDir, List<String> extraFlags, Map<String, String> env) {
    if (!JvmFlags.aotSupported()) {
      return null;
    }
    Path cache = AotCache.file(cacheDir, "shell", classpath(root));
    if (Files.isRegularFile(cache)) {
      return cache;
    }
    try {
      Files.createDirectories(cacheDir);
      List<String> flags = new ArrayList<>(JvmFlags.train(cache));
      flags.addAll(extraFlags);
      int port = FunctionLauncher.freePort();
      // Output goes to a file, as for the functions: a JVM writing to a pipe as it exits can die
      // before it has written its AOT configuration.
      ProcessBuilder builder = new ProcessBuilder(command(root, flags, port)).directory(root.toFile())
          .redirectErrorStream(true).redirectOutput(cacheDir.resolve("shell-training.log").toFile());
      builder.environment().putAll(env);
      Process training = builder.start();
      try {
        awaitHealthy(training, port, Duration.ofSeconds(120));
        for (int round = 0; round < 3; round++) {
          for (String path : TRAINING_PATHS) {
            get(port, path);
          }
        }
      } finally {
        stop(training);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot train the shell's AOT cache", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
    return AotCache.awaitWritten(cache, Duration.ofSeconds(120)) ? cache : null;
  }

  /** Waits until {@code /healthcheck} answers 200; fails when the shell exits or takes longer than {@code timeout}. */
  public static void awaitHealthy(Process shell, int port, Duration timeout) throws InterruptedException {
    awaitAnswer(shell, port, "/healthcheck", status -> status == 200, timeout);
  }

  /**
   * Polls a browser's GET of {@code path} every 5 ms until its status is {@code accepted}; fails
   * when the shell exits or takes longer than {@code timeout}.
   */
  public static void awaitAnswer(Process shell, int port, String path, IntPredicate accepted, Duration timeout)
      throws InterruptedException {
    Readiness.await(shell, "the shell (GET " + path + ")", () -> accepted.test(get(port, path)), timeout, Duration.ofMillis(5));
  }


  /** The status of a browser's GET of {@code path} (redirects not followed). */
  public static int get(int port, String path) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Accept", "text/html,application/json;q=0.9,*/*;q=0.8")
        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  public static void stop(Process process) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
