package dev.backlot.platform.manifest;

import dev.backlot.testing.NodeProject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The strict HCL2 syntax check: terraform/tools/hcl-check runs HashiCorp's own HCL2 parser (Go,
 * compiled to WebAssembly in the npm package @cdktf/hcl2json) over the files it is given. The
 * tolerant tokenizer in {@link Hcl} reads structure for the consistency checks but accepts files
 * Terraform would reject; this does not. Needs node and npm; installs the tool's locked
 * dependencies with {@code npm ci} the first time.
 */
final class HclSyntaxCheck {
  static final String TOOL_DIR = "terraform/tools/hcl-check";

  private final NodeProject tool;

  private HclSyntaxCheck(NodeProject tool) {
    this.tool = tool;
  }

  /** The check for the repository at root, or empty when node or npm is not on PATH. */
  static Optional<HclSyntaxCheck> find(Path root) {
    return NodeProject.in(root.resolve(TOOL_DIR)).map(HclSyntaxCheck::new);
  }

  void install() throws IOException, InterruptedException {
    tool.install();
  }

  /** Parses every given file; exit 0 and "ok: <n> files" when all parse, else one line per bad file. */
  NodeProject.Result check(List<Path> files) throws IOException, InterruptedException {
    return tool.node("check.js", files.stream().map(f -> f.toAbsolutePath().toString()).toList(), Map.of());
  }
}
