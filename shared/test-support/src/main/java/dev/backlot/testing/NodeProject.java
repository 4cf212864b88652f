package dev.backlot.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A small Node.js project kept in the repository (package.json plus a committed lockfile) that a
 * test runs: its locked dependencies are installed with {@code npm ci} when node_modules does
 * not match the lockfile, then its scripts run with {@code node}. Tests skip, saying so, where
 * node or npm is not on PATH.
 */
public final class NodeProject {
  /** Exit code and combined output of one run. */
  public record Result(int exitCode, String output) {}

  private final Path dir;
  private final Path node;
  private final Path npm;

  private NodeProject(Path dir, Path node, Path npm) {
    this.dir = dir;
    this.node = node;
    this.npm = npm;
  }

  /** The project in {@code dir}, or empty when node or npm is not on PATH. */
  public static Optional<NodeProject> in(Path dir) {
    Optional<Path> node = Executables.onPath("node");
    Optional<Path> npm = Executables.onPath("npm");
    return node.isEmpty() || npm.isEmpty() ? Optional.empty() : Optional.of(new NodeProject(dir, node.get(), npm.get()));
  }

  /** Why projects cannot run here, for a skipped test's message. */
  public static String unavailable() {
    return "node or npm is not on PATH";
  }

  /**
   * Installs the locked dependencies with {@code npm ci} unless node_modules already matches
   * package-lock.json (npm records what it installed in node_modules/.package-lock.json).
   */
  public NodeProject install() throws IOException, InterruptedException {
    Path installed = dir.resolve("node_modules/.package-lock.json");
    Path lock = dir.resolve("package-lock.json");
    boolean current = Files.isRegularFile(installed)
        && !Files.getLastModifiedTime(lock).toInstant().isAfter(Files.getLastModifiedTime(installed).toInstant());
    if (!current) {
      Result ci = run(List.of(npm.toString(), "ci", "--no-audit", "--no-fund", "--loglevel=error"), Map.of(), 15);
      if (ci.exitCode() != 0) {
        throw new IllegalStateException("npm ci in " + dir + " failed (exit " + ci.exitCode() + "):\n" + ci.output());
      }
    }
    return this;
  }

  /** Runs {@code node script args…} in the project with extra environment variables. */
  public Result node(String script, List<String> args, Map<String, String> environment) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(node.toString(), script));
    command.addAll(args);
    return run(command, environment, 5);
  }

  private Result run(List<String> command, Map<String, String> environment, int guardMinutes) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().putAll(environment);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    // A guard against a hung tool, not a timing check.
    if (!process.waitFor(guardMinutes, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException(String.join(" ", command.subList(0, 2)) + " did not finish:\n" + output);
    }
    return new Result(process.exitValue(), output);
  }
}
