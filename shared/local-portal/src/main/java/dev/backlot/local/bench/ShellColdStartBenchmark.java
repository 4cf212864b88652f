package dev.backlot.local.bench;

import dev.backlot.local.AotCache;
import dev.backlot.local.JvmFlags;
import dev.backlot.local.LocalKeys;
import dev.backlot.local.oidc.LocalOidcProvider;
import dev.backlot.local.oidc.LocalTls;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./backlot bench shell}: launches the shell again and again and measures launch → its
 * first page (the answer to a browser's GET /, the redirect to sign-in, which needs Spring
 * Security and the OIDC client ready), as the fat jar and unpacked with a JDK AOT cache, both C1
 * only. The local OIDC provider runs throughout, as Okta would.
 */
public final class ShellColdStartBenchmark {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1))
      .followRedirects(HttpClient.Redirect.NEVER).build();

  public static void main(String[] args) throws Exception {
    int runs = args.length > 1 && args[0].equals("--runs") ? Integer.parseInt(args[1]) : 7;
    Path root = Path.of("").toAbsolutePath();
    Path work = Files.createTempDirectory("backlot-shell-bench");
    Path jar = root.resolve("frontend-shell/target/frontend-shell.jar");
    LocalTls tls = LocalTls.in(root.resolve(".backlot/tls"));
    LocalKeys keys = LocalKeys.in(work.resolve("auth"));
    try (LocalOidcProvider provider = LocalOidcProvider.start(root, work.resolve("oidc"), tls, freePort())) {
      Map<String, String> env = new java.util.HashMap<>(keys.environment(null));
      env.putAll(Map.of("SPRING_PROFILES_ACTIVE", "local", "OKTA_OAUTH2_ISSUER", provider.issuer(),
          "OKTA_OAUTH2_CLIENTID", "bench", "OKTA_OAUTH2_CLIENTSECRET", "bench-secret",
          "BACKEND_AUTH_USERTOKENS_SIGNINGKEY", keys.userSigningKeyForBenchmarks()));
      List<String> base = new ArrayList<>(JvmFlags.run(null));
      base.addAll(tls.trustingJvmFlags());

      List<String> fat = new ArrayList<>(base);
      fat.addAll(List.of("-jar", jar.toString()));
      long[] fatMillis = measure(root, fat, env, runs);

      Path unpacked = work.resolve("unpacked");
      run(root, List.of(javaBin(), "-Djarmode=tools", "-jar", jar.toString(), "extract", "--destination", unpacked.toString()));
      Path aot = work.resolve("shell.aot");
      List<String> training = new ArrayList<>(base);
      training.addAll(List.of("-XX:AOTCacheOutput=" + aot, "-jar", unpacked.resolve("frontend-shell.jar").toString()));
      train(root, training, env, aot);
      List<String> withAot = new ArrayList<>(base);
      withAot.addAll(List.of("-XX:AOTCache=" + aot, "-jar", unpacked.resolve("frontend-shell.jar").toString()));
      long[] aotMillis = measure(root, withAot, env, runs);

      System.out.printf("Shell cold start: launch → first page (GET / answered), %d runs each after one warm-up%n", runs);
      System.out.printf("Date %s · %s · %d cores · Java %s · flags %s%n%n", LocalDate.now(), cpu(),
          Runtime.getRuntime().availableProcessors(), Runtime.version(), String.join(" ", JvmFlags.run(null)));
      System.out.println("| shell | median ms | min | max |");
      System.out.println("|---|---|---|---|");
      row("fat jar", fatMillis);
      row("unpacked + AOT cache", aotMillis);
    }
  }

  private static long[] measure(Path root, List<String> flags, Map<String, String> env, int runs) throws Exception {
    measureOnce(root, flags, env);
    long[] millis = new long[runs];
    for (int i = 0; i < runs; i++) {
      millis[i] = measureOnce(root, flags, env);
    }
    return millis;
  }

  private static long measureOnce(Path root, List<String> flags, Map<String, String> env) throws Exception {
    int port = freePort();
    long start = System.nanoTime();
    Process shell = launch(root, flags, env, port);
    try {
      firstPage(shell, port);
      return (System.nanoTime() - start) / 1_000_000;
    } finally {
      stop(shell);
    }
  }

  private static void train(Path root, List<String> flags, Map<String, String> env, Path aot) throws Exception {
    int port = freePort();
    Process shell = launch(root, flags, env, port);
    firstPage(shell, port);
    for (int i = 0; i < 5; i++) {
      get(port, "/");
      get(port, "/healthcheck");
      get(port, "/oauth2/authorization/okta");
    }
    stop(shell);
    // The cache is written by a child JVM after the shell exits; a half-written one is refused.
    AotCache.awaitWritten(aot, Duration.ofSeconds(120));
  }

  private static Process launch(Path root, List<String> flags, Map<String, String> env, int port) throws IOException {
    List<String> command = new ArrayList<>(List.of(javaBin()));
    command.addAll(flags);
    command.add("--server.port=" + port);
    ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    builder.environment().putAll(env);
    return builder.start();
  }

  private static void firstPage(Process shell, int port) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (System.nanoTime() < deadline) {
      if (!shell.isAlive()) {
        throw new IllegalStateException("the shell exited while starting");
      }
      try {
        if (get(port, "/") < 400) {
          return;
        }
      } catch (IOException notYet) {
        // Not listening yet.
      }
      Thread.sleep(5);
    }
    throw new IllegalStateException("the shell did not answer within 120 s");
  }

  private static int get(int port, String path) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Accept", "text/html")
        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static void stop(Process process) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }

  private static void run(Path root, List<String> command) throws Exception {
    Process process = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    if (process.waitFor() != 0) {
      throw new IllegalStateException("failed: " + command);
    }
  }

  private static void row(String label, long[] millis) {
    long[] sorted = millis.clone();
    Arrays.sort(sorted);
    System.out.printf("| %s | %d | %d | %d |%n", label, ColdStartBenchmark.percentile(sorted, 50), sorted[0], sorted[sorted.length - 1]);
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static String cpu() throws IOException {
    return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name")).findFirst()
        .map(l -> l.replaceFirst("model name\\s*:\\s*", "")).orElse("unknown CPU");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
