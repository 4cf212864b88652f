package dev.backlot.local.bench;

import dev.backlot.local.FunctionClasspath;
import dev.backlot.local.FunctionLauncher;
import dev.backlot.local.JvmFlags;
import dev.backlot.local.LocalKeys;
import dev.backlot.local.RunningFunction;
import dev.backlot.platform.manifest.PluginManifest;
import dev.backlot.platform.manifest.PluginManifests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Launches each function as a fresh process again and again and measures launch → first 2xx of
 * a real call (the manifest's smokeTest, which touches the database), and peak RSS, beside a
 * bare Functions Framework hello-world measured in the same run.
 */
public final class ColdStartBenchmark {
  private record Target(String label, FunctionLauncher.Function function, String path, boolean aot) {}

  private record Result(String label, boolean aot, long[] millis, long[] rssKib, long[] cpuMillis) {}

  public static void main(String[] args) throws Exception {
    int runs = 10;
    Path root = Path.of("").toAbsolutePath();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--root" -> root = Path.of(args[++i]).toAbsolutePath();
        default -> throw new IllegalArgumentException("usage: ColdStartBenchmark [--runs N] [--root DIR]");
      }
    }
    Path work = Files.createTempDirectory("backlot-cold-start");
    // Functions verify callers: each timed call carries a service token of a fresh local key.
    LocalKeys keys = LocalKeys.in(work.resolve("auth"));
    Map<String, String> env = new java.util.HashMap<>(keys.environment(null));
    env.put("BACKLOT_CONFIG_DIR", root.toString());
    // The smoke call is the deploy pipeline's, so it is made as that principal.
    FunctionLauncher launcher = new FunctionLauncher(work, env, null, keys.serviceTokens("deploy")::authorizationFor);
    Path cacheDir = work.resolve("aot");

    List<Target> targets = new ArrayList<>();
    FunctionLauncher.Function hello = new FunctionLauncher.Function("hello-world", HelloWorldFunction.class.getName(), helloClasspath(), "/");
    targets.add(new Target("hello-world (bare Functions Framework)", hello, "/", false));
    targets.add(new Target("hello-world (bare Functions Framework)", hello, "/", true));
    for (PluginManifest manifest : PluginManifests.load(root.resolve("functions"))) {
      FunctionLauncher.Function function = new FunctionLauncher.Function(manifest.id(), manifest.entryPoint(),
          FunctionClasspath.of(root.resolve("functions"), manifest), "/healthcheck");
      String path = manifest.routePrefix() + manifest.smokeTest();
      targets.add(new Target(manifest.id() + " GET " + path, function, path, false));
      targets.add(new Target(manifest.id() + " GET " + path, function, path, true));
    }

    // Rounds, not series: each round starts every target once, so a machine that slows down
    // for a while slows every target alike and the ratios to the hello-world stay fair.
    List<List<String>> flags = new ArrayList<>();
    for (Target target : targets) {
      flags.add(flagsFor(launcher, target, cacheDir));
    }
    long[][] millis = new long[targets.size()][runs];
    long[][] rss = new long[targets.size()][runs];
    long[][] cpu = new long[targets.size()][runs];
    for (int i = 0; i < runs; i++) {
      for (int t = 0; t < targets.size(); t++) {
        FunctionLauncher.Timed timed = launcher.timeToFirstSuccess(targets.get(t).function(), targets.get(t).path(), flags.get(t));
        try (RunningFunction running = timed.running()) {
          millis[t][i] = timed.elapsed().toMillis();
          rss[t][i] = running.peakRssKib();
          cpu[t][i] = running.cpuMillis();
        }
      }
    }
    List<Result> results = new ArrayList<>();
    for (int t = 0; t < targets.size(); t++) {
      results.add(new Result(targets.get(t).label(), targets.get(t).aot(), millis[t], rss[t], cpu[t]));
    }
    print(results, runs);
  }

  /** The target's JVM flags, its AOT cache trained first when it uses one. */
  private static List<String> flagsFor(FunctionLauncher launcher, Target target, Path cacheDir) {
    List<String> flags = target.aot()
        ? JvmFlags.run(launcher.trainedCache(target.function(), cacheDir, List.of(target.function().readyPath(), target.path())))
        : JvmFlags.run(null);
    // One unmeasured start warms the OS page cache, as a warm Cloud Run host would have it.
    launcher.timeToFirstSuccess(target.function(), target.path(), flags).running().close();
    return flags;
  }

  private static void print(List<Result> results, int runs) throws Exception {
    String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
        .filter(l -> l.startsWith("model name")).findFirst().map(l -> l.replaceFirst("model name\\s*:\\s*", "")).orElse("unknown CPU");
    System.out.printf("Cold start: launch → first 2xx, %d rounds of one fresh process per target (after one unmeasured warm-up each)%n", runs);
    System.out.printf("Date %s · %s · %d cores · Java %s (%s) · flags %s%n%n", LocalDate.now(), cpu,
        Runtime.getRuntime().availableProcessors(), Runtime.version(), System.getProperty("java.vm.vendor"), String.join(" ", JvmFlags.run(null)));
    // CPU: all the process's threads, launch to first answer; a busy machine moves it far less than time.
    System.out.printf("| %-48s | %-3s | %6s | %6s | %6s | %6s | %5s | %12s | %12s | %11s |%n", "function", "AOT", "median", "p95", "min", "max",
        "ratio", "RSS med MiB", "RSS max MiB", "CPU med ms");
    System.out.printf("|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%n", "-".repeat(50), "-----", "--------", "--------", "--------", "--------", "-------",
        "--------------", "--------------", "-------------");
    // The ratio is to the hello-world's median with the same AOT setting (the first two results).
    long[] helloMedians = new long[2];
    for (Result r : results.subList(0, 2)) {
      long[] ms = r.millis().clone();
      Arrays.sort(ms);
      helloMedians[r.aot() ? 1 : 0] = percentile(ms, 50);
    }
    for (Result r : results) {
      long[] ms = r.millis().clone();
      long[] rss = r.rssKib().clone();
      Arrays.sort(ms);
      long[] cpuMs = r.cpuMillis().clone();
      Arrays.sort(rss);
      Arrays.sort(cpuMs);
      System.out.printf("| %-48s | %-3s | %6d | %6d | %6d | %6d | %5.2f | %12.1f | %12.1f | %11d |%n", r.label(), r.aot() ? "on" : "off",
          percentile(ms, 50), percentile(ms, 95), ms[0], ms[ms.length - 1], (double) percentile(ms, 50) / helloMedians[r.aot() ? 1 : 0],
          percentile(rss, 50) / 1024.0, rss[rss.length - 1] / 1024.0, percentile(cpuMs, 50));
    }
  }

  /** Nearest-rank percentile of sorted values. */
  static long percentile(long[] sorted, int p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  private static List<Path> helloClasspath() throws Exception {
    Path self = Path.of(HelloWorldFunction.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path invoker = Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
        .map(Path::of)
        .filter(p -> p.getFileName().toString().startsWith("java-function-invoker"))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("the Functions Framework invoker is not on the class path"));
    return List.of(self, invoker);
  }

}
