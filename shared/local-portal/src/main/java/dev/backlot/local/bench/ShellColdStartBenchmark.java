package dev.backlot.local.bench;

import dev.backlot.local.JvmFlags;
import dev.backlot.local.LocalKeys;
import dev.backlot.local.ShellLaunch;
import dev.backlot.local.oidc.LocalOidcProvider;
import dev.backlot.local.oidc.LocalTls;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * {@code ./backlot bench shell}: launches the shell again and again and measures launch → its
 * first page (the answer to a browser's GET /, the redirect to sign-in, which needs Spring
 * Security and the OIDC client ready), as Spring Boot's fat jar and as {@code ./backlot start}
 * and the image run it (plain jar and dependencies with the AOT cache), both C1 only. The local
 * OIDC provider runs throughout, as Okta would. Besides the wall time it reports the CPU time the
 * shell's process used until then, which moves much less when other work shares the machine.
 */
public final class ShellColdStartBenchmark {
  /** Wall and CPU milliseconds to the first page, per run. */
  record Runs(long[] wallMillis, long[] cpuMillis) {}

  public static void main(String[] args) throws Exception {
    int runs = args.length > 1 && args[0].equals("--runs") ? Integer.parseInt(args[1]) : 7;
    Path root = Path.of("").toAbsolutePath();
    Path work = Files.createTempDirectory("backlot-shell-bench");
    LocalTls tls = LocalTls.in(root.resolve(".backlot/tls"));
    LocalKeys keys = LocalKeys.in(work.resolve("auth"));
    try (LocalOidcProvider provider = LocalOidcProvider.start(root, work.resolve("oidc"), tls, freePort())) {
      Map<String, String> env = new java.util.HashMap<>(keys.environment(null));
      env.putAll(Map.of("SPRING_PROFILES_ACTIVE", "local", "OKTA_OAUTH2_ISSUER", provider.issuer(),
          "OKTA_OAUTH2_CLIENTID", "bench", "OKTA_OAUTH2_CLIENTSECRET", "bench-secret",
          "BACKEND_AUTH_USERTOKENS_SIGNINGKEY", keys.userSigningKeyForBenchmarks()));

      List<String> fatJar = new ArrayList<>(JvmFlags.run(null));
      fatJar.addAll(tls.trustingJvmFlags());
      fatJar.addAll(List.of("-jar", ShellLaunch.executableJar(root).toString()));
      Runs fat = measure(root, port -> withPort(javaCommand(fatJar), port), env, runs);

      Path cache = ShellLaunch.trainedCache(root, work.resolve("aot"), tls.trustingJvmFlags(), env);
      List<String> withCache = new ArrayList<>(JvmFlags.run(cache));
      withCache.addAll(tls.trustingJvmFlags());
      Runs plain = measure(root, port -> ShellLaunch.command(root, withCache, port), env, runs);

      System.out.printf("Shell cold start: launch → first page (GET / answered), %d runs each after one warm-up%n", runs);
      System.out.printf("Date %s · %s · %d cores · Java %s · flags %s%n%n", LocalDate.now(), cpu(),
          Runtime.getRuntime().availableProcessors(), Runtime.version(), String.join(" ", JvmFlags.run(null)));
      System.out.println("| shell | median ms | min | max | CPU ms median | CPU min | CPU max |");
      System.out.println("|---|---|---|---|---|---|---|");
      row("fat jar (java -jar)", fat);
      row(cache == null ? "plain jar, no AOT cache (needs JDK 25)" : "plain jar + AOT cache (./backlot start, image)", plain);
    }
  }

  private static Runs measure(Path root, IntFunction<List<String>> command, Map<String, String> env, int runs) throws Exception {
    measureOnce(root, command, env);
    Runs measured = new Runs(new long[runs], new long[runs]);
    for (int i = 0; i < runs; i++) {
      long[] wallAndCpu = measureOnce(root, command, env);
      measured.wallMillis()[i] = wallAndCpu[0];
      measured.cpuMillis()[i] = wallAndCpu[1];
    }
    return measured;
  }

  private static long[] measureOnce(Path root, IntFunction<List<String>> command, Map<String, String> env) throws Exception {
    int port = freePort();
    long start = System.nanoTime();
    ProcessBuilder builder = new ProcessBuilder(command.apply(port)).directory(root.toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    builder.environment().putAll(env);
    Process shell = builder.start();
    try {
      // The first page: the redirect to sign-in, which needs Spring Security and the OIDC client ready.
      ShellLaunch.awaitAnswer(shell, port, "/", status -> status < 400, Duration.ofSeconds(120));
      long wall = (System.nanoTime() - start) / 1_000_000;
      return new long[] {wall, shell.info().totalCpuDuration().map(Duration::toMillis).orElse(-1L)};
    } finally {
      ShellLaunch.stop(shell);
    }
  }

  private static List<String> javaCommand(List<String> arguments) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(arguments);
    return command;
  }

  private static List<String> withPort(List<String> command, int port) {
    List<String> withPort = new ArrayList<>(command);
    withPort.add("--server.port=" + port);
    return withPort;
  }

  private static void row(String label, Runs runs) {
    long[] wall = runs.wallMillis().clone();
    long[] cpu = runs.cpuMillis().clone();
    Arrays.sort(wall);
    Arrays.sort(cpu);
    System.out.printf("| %s | %d | %d | %d | %d | %d | %d |%n", label, ColdStartBenchmark.percentile(wall, 50), wall[0],
        wall[wall.length - 1], ColdStartBenchmark.percentile(cpu, 50), cpu[0], cpu[cpu.length - 1]);
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
