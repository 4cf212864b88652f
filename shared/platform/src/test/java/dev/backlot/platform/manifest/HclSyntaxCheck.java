package dev.backlot.platform.manifest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The strict HCL2 syntax check: terraform/tools/hcl-check runs HashiCorp's own HCL2 parser (Go,
 * compiled to WebAssembly in the npm package @cdktf/hcl2json) over the files it is given. The
 * tolerant tokenizer in {@link Hcl} reads structure for the consistency checks but accepts files
 * Terraform would reject; this does not. Needs node and npm; installs the tool's locked
 * dependencies with {@code npm ci} the first time.
 */
final class HclSyntaxCheck {
  static final String TOOL_DIR = "terraform/tools/hcl-check";

  /** Exit code and combined output of one run of the check script. */
  record Result(int exitCode, String output) {}

  private final Path tool;
  private final Path node;
  private final Path npm;

  private HclSyntaxCheck(Path tool, Path node, Path npm) {
    this.tool = tool;
    this.node = node;
    this.npm = npm;
  }

  /** The check for the repository at root, or empty when node or npm is not on PATH. */
  static Optional<HclSyntaxCheck> find(Path root) {
    Optional<Path> node = Executables.onPath("node");
    Optional<Path> npm = Executables.onPath("npm");
    if (node.isEmpty() || npm.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new HclSyntaxCheck(root.resolve(TOOL_DIR), node.get(), npm.get()));
  }

  /**
   * Installs the locked dependencies with {@code npm ci} unless node_modules already matches
   * package-lock.json (npm records what it installed in node_modules/.package-lock.json).
   */
  void install() throws IOException, InterruptedException {
    Path installed = tool.resolve("node_modules/.package-lock.json");
    Path lock = tool.resolve("package-lock.json");
    boolean current = Files.isRegularFile(installed)
        && Files.isDirectory(tool.resolve("node_modules/@cdktf/hcl2json"))
        && !Files.getLastModifiedTime(lock).toInstant().isAfter(Files.getLastModifiedTime(installed).toInstant());
    if (current) {
      return;
    }
    Result ci = run(List.of(npm.toString(), "ci", "--no-audit", "--no-fund", "--loglevel=error"), 15);
    if (ci.exitCode() != 0) {
      throw new IllegalStateException("npm ci in " + TOOL_DIR + " failed (exit " + ci.exitCode() + "):\n" + ci.output());
    }
  }

  /** Parses every given file; exit 0 and "ok: <n> files" when all parse, else one line per bad file. */
  Result check(List<Path> files) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(node.toString(), "check.js"));
    files.forEach(f -> command.add(f.toAbsolutePath().toString()));
    return run(command, 5);
  }

  private Result run(List<String> command, int guardMinutes) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).directory(tool.toFile()).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
        .start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    // A guard against a hung tool, not a timing check.
    if (!p.waitFor(guardMinutes, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException(String.join(" ", command.subList(0, 2)) + " did not finish:\n" + output);
    }
    return new Result(p.exitValue(), output);
  }
}
