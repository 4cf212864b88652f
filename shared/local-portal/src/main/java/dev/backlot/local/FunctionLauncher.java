package dev.backlot.local;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Starts a function as Cloud Run does: a fresh JVM running the Functions Framework invoker's
 * server with the function on the application class path (so the AOT cache can hold its classes),
 * on loopback only ({@link LoopbackInvoker}). The local portal and the cold-start benchmark both
 * start functions through this one class.
 */
public final class FunctionLauncher {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private final Path workDir;
  private final Map<String, String> environment;
  private final boolean inherit;
  private final PrintStream echo;
  private final UnaryOperator<String> authorization;
  private final Path invokerJar;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /**
   * @param workDir the functions' working directory (the repository root locally)
   * @param environment variables added to each function's environment
   * @param echo where function output is echoed with a {@code [name]} prefix, or null
   */
  public FunctionLauncher(Path workDir, Map<String, String> environment, PrintStream echo) {
    this(workDir, environment, echo, null);
  }

  /**
   * @param authorization the {@code Authorization} value for calls to a function by its name (the
   *     plugin id), so training and timed calls pass authentication; null sends none
   */
  public FunctionLauncher(Path workDir, Map<String, String> environment, PrintStream echo, UnaryOperator<String> authorization) {
    this(workDir, environment, true, echo, authorization);
  }

  private FunctionLauncher(Path workDir, Map<String, String> environment, boolean inherit, PrintStream echo,
      UnaryOperator<String> authorization) {
    this.workDir = workDir;
    this.environment = Map.copyOf(environment);
    this.inherit = inherit;
    this.echo = echo;
    this.authorization = authorization;
    this.invokerJar = LoopbackInvokerJar.in(workDir.resolve(".backlot"));
  }

  /**
   * A launcher whose functions get exactly {@code environment} (and {@code PORT}), nothing of this
   * JVM's own, as a container gets only what its platform sets: the rehearsal starts functions so.
   */
  public static FunctionLauncher withExactEnvironment(Path workDir, Map<String, String> environment) {
    return new FunctionLauncher(workDir, environment, false, null, null);
  }

  /** A function described by its entry point and class path. */
  public record Function(String name, String entryPoint, List<Path> classpath, String readyPath) {}

  /** Starts {@code function} with {@code jvmFlags} and returns once {@code readyPath} answers 2xx. */
  public RunningFunction start(Function function, List<String> jvmFlags) {
    return start(function, jvmFlags, null);
  }

  /** As {@link #start(Function, List)}, writing the function's output to {@code outputFile}. */
  public RunningFunction start(Function function, List<String> jvmFlags, Path outputFile) {
    int port = freePort();
    RunningFunction running = spawn(function, port, jvmFlags, outputFile);
    awaitReady(running, function.readyPath(), System.nanoTime());
    return running;
  }

  /** Starts it with its AOT cache in {@code cacheDir}, training the cache first when there is none. */
  public RunningFunction startWithAot(Function function, Path cacheDir, List<String> trainingPaths) {
    if (!JvmFlags.aotSupported()) {
      return start(function, JvmFlags.run(null));
    }
    return start(function, JvmFlags.run(trainedCache(function, cacheDir, trainingPaths)));
  }

  /**
   * The function's AOT cache, made now by a training run if it does not exist yet; null when the
   * JVM wrote none, in which case the function simply starts without one.
   */
  public Path trainedCache(Function function, Path cacheDir, List<String> trainingPaths) {
    Path cache = cacheFile(function, cacheDir);
    if (Files.isRegularFile(cache)) {
      return cache;
    }
    try {
      Files.createDirectories(cacheDir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // Output goes to a file: a JVM writing to a pipe as it exits was seen to die before it wrote
    // its AOT configuration, while the same run into a file always wrote it.
    Path log = cacheDir.resolve(function.name() + "-training.log");
    try (RunningFunction training = start(function, JvmFlags.train(cache), log)) {
      for (int round = 0; round < 3; round++) {
        for (String path : trainingPaths) {
          get(training, path);
        }
      }
    }
    // The exiting JVM hands the recorded profile to a child JVM that writes the cache.
    return AotCache.awaitWritten(cache, Duration.ofSeconds(60)) ? cache : null;
  }

  /** A started function and how long it took from launch to its first 2xx answer. */
  public record Timed(RunningFunction running, Duration elapsed) {}

  /** Launches {@code function} and polls {@code path} every 5 ms until it answers 2xx. */
  public Timed timeToFirstSuccess(Function function, String path, List<String> jvmFlags) {
    int port = freePort();
    long start = System.nanoTime();
    RunningFunction running = spawn(function, port, jvmFlags, null);
    try {
      long done = firstSuccess(running, path, start, Duration.ofMillis(5));
      return new Timed(running, Duration.ofNanos(done - start));
    } catch (RuntimeException e) {
      running.close();
      throw e;
    }
  }

  RunningFunction spawn(Function function, int port, List<String> jvmFlags, Path outputFile) {
    List<String> command = new ArrayList<>(SignalReset.PREFIX);
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmFlags);
    command.add("-cp");
    command.add(classpath(function).stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator)));
    command.add(LoopbackInvoker.class.getName());
    command.add("--target");
    command.add(function.entryPoint());
    command.add("--port");
    command.add(Integer.toString(port));
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    if (outputFile != null) {
      builder.redirectOutput(outputFile.toFile());
    }
    Map<String, String> env = new HashMap<>(environment);
    env.put("PORT", Integer.toString(port));
    env.put("BACKLOT_PLUGIN_ID", function.name());
    if (!inherit) {
      builder.environment().clear();
    }
    builder.environment().putAll(env);
    try {
      return new RunningFunction(function.name(), port, builder.start(), outputFile == null ? echo : null, outputFile);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + function.name(), e);
    }
  }

  /** Polls {@code path} until it answers 2xx; returns the nanoTime of that answer. */
  long firstSuccess(RunningFunction running, String path, long startNanos, Duration pollEvery) {
    URI uri = URI.create(running.baseUrl() + path);
    long deadline = startNanos + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!running.isAlive()) {
        throw new IllegalStateException(running.name() + " exited while starting:\n" + running.outputTail());
      }
      try {
        HttpResponse<Void> response = http.send(request(running, uri).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() / 100 == 2) {
          return System.nanoTime();
        }
      } catch (IOException notYet) {
        // Not listening yet.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while starting " + running.name(), e);
      }
      try {
        Thread.sleep(pollEvery);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while starting " + running.name(), e);
      }
    }
    running.close();
    throw new IllegalStateException(running.name() + " did not answer " + path + " within " + START_TIMEOUT.toSeconds()
        + " s:\n" + running.outputTail());
  }

  private void awaitReady(RunningFunction running, String path, long startNanos) {
    try {
      firstSuccess(running, path, startNanos, Duration.ofMillis(20));
    } catch (RuntimeException e) {
      running.close();
      throw e;
    }
  }

  private void get(RunningFunction running, String path) {
    try {
      http.send(request(running, URI.create(running.baseUrl() + path)).build(), HttpResponse.BodyHandlers.discarding());
    } catch (IOException e) {
      throw new UncheckedIOException("training call " + path + " of " + running.name() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private HttpRequest.Builder request(RunningFunction running, URI uri) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri);
    return authorization == null ? request : request.header("Authorization", authorization.apply(running.name()));
  }

  /** Where {@code function}'s AOT cache for its current class path is, or will be. */
  Path cacheFile(Function function, Path cacheDir) {
    return AotCache.file(cacheDir, function.name(), classpath(function));
  }

  /** The function's class path as its image has it, then LoopbackInvoker's jar. */
  private List<Path> classpath(Function function) {
    return Stream.concat(function.classpath().stream(), Stream.of(invokerJar)).toList();
  }

  /** A port free on this machine now. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
