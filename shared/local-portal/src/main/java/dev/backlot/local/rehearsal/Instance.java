package dev.backlot.local.rehearsal;

import dev.backlot.local.FunctionClasspath;
import dev.backlot.local.FunctionLauncher;
import dev.backlot.local.JvmFlags;
import dev.backlot.local.RunningFunction;
import dev.backlot.local.ShellLaunch;
import dev.backlot.platform.manifest.PluginManifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One Cloud Run instance of the rehearsal: a function (under the Functions Framework invoker, as
 * {@link FunctionLauncher} starts it everywhere) or the shell, as its own process whose environment
 * is exactly its container's: Terraform's variables, the image's ({@code BACKLOT_CONFIG_DIR}) and
 * Cloud Run's ({@code PORT}, {@code K_SERVICE}, ...), nothing inherited from the rehearsal. Its
 * JVM flags put it behind its {@link EgressProxy} and make it trust the rehearsal's certificate.
 */
final class Instance implements AutoCloseable {
  private static final Duration SHELL_START = Duration.ofSeconds(180);

  private final String baseUrl;
  private final Path log;
  private final AutoCloseable process;

  private Instance(String baseUrl, Path log, AutoCloseable process) {
    this.baseUrl = baseUrl;
    this.log = log;
    this.process = process;
  }

  /**
   * What a container of {@code service} has in its environment besides Terraform's variables: the
   * base image's and Jib's ({@code BACKLOT_CONFIG_DIR=/app/config} in the image, {@code configDir}
   * here) and Cloud Run's own ({@code PORT} comes from the launcher).
   */
  static Map<String, String> containerEnvironment(String service, Map<String, String> terraform, Path configDir, Path home) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    env.put("LANG", "C.UTF-8");
    env.put("HOME", home.toString());
    env.put("BACKLOT_CONFIG_DIR", configDir.toString());
    env.put("K_SERVICE", service);
    env.put("K_REVISION", service + "-00001-reh");
    env.put("K_CONFIGURATION", service);
    env.putAll(terraform);
    return env;
  }

  /**
   * Starts a plugin's function (the entry point Terraform names in {@code FUNCTION_TARGET}, in a
   * container of {@code memory}, such as 512Mi) and returns once its /healthcheck answers.
   */
  static Instance function(Path root, PluginManifest manifest, String service, String memory, Map<String, String> env, List<String> flags,
      Path workDir) {
    FunctionLauncher.Function function = new FunctionLauncher.Function(
        manifest.id(), env.get("FUNCTION_TARGET"), FunctionClasspath.of(root.resolve("functions"), manifest), "/healthcheck");
    List<String> jvmFlags = new ArrayList<>(JvmFlags.run(null));
    // The container's memory limit, as the JVM sizes its heap inside one.
    jvmFlags.add("-XX:MaxRAM=" + memory.replace("Mi", "m").replace("Gi", "g"));
    jvmFlags.addAll(flags);
    Path log = workDir.resolve(service + ".log");
    RunningFunction running = FunctionLauncher.withExactEnvironment(workDir, env).start(function, jvmFlags, log);
    return new Instance(running.baseUrl(), log, running);
  }

  /** Starts the shell and returns once its /healthcheck answers. */
  static Instance shell(Path root, String service, Map<String, String> env, List<String> flags, Path workDir) {
    int port = FunctionLauncher.freePort();
    List<String> jvmFlags = new ArrayList<>(JvmFlags.run(null));
    jvmFlags.addAll(flags);
    Path log = workDir.resolve(service + ".log");
    Map<String, String> withPort = new LinkedHashMap<>(env);
    withPort.put("PORT", Integer.toString(port));
    ProcessBuilder builder = new ProcessBuilder(ShellLaunch.command(root, jvmFlags, port)).directory(workDir.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().clear();
    builder.environment().putAll(withPort);
    try {
      Process process = builder.start();
      Instance shell = new Instance("http://127.0.0.1:" + port, log, () -> ShellLaunch.stop(process));
      try {
        ShellLaunch.awaitHealthy(process, port, SHELL_START);
      } catch (RuntimeException e) {
        shell.close();
        throw new IllegalStateException(e.getMessage() + ":\n" + shell.logTail(40), e);
      }
      return shell;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the shell", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the shell started", e);
    }
  }

  String baseUrl() {
    return baseUrl;
  }

  Path log() {
    return log;
  }

  /** The last {@code lines} lines of the instance's output. */
  String logTail(int lines) {
    try {
      List<String> all = Files.readAllLines(log);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    try {
      process.close();
    } catch (Exception e) {
      // Stopping anyway.
    }
  }
}
