package dev.backlot.platform.manifest;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.backlot.testing.NodeProject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every HCL file under terraform/ parses with HashiCorp's HCL2 parser (terraform/tools/hcl-check),
 * and that check does reject broken files. Skipped, with the reason, where node or npm is missing.
 */
class HclSyntaxTest {
  private static final Path ROOT = RepoRoot.find();

  private HclSyntaxCheck check;

  @BeforeEach
  void install() throws Exception {
    Optional<HclSyntaxCheck> found = HclSyntaxCheck.find(ROOT);
    assumeTrue(found.isPresent(), "node or npm is not on PATH: the strict HCL2 syntax check of terraform/ was not run");
    check = found.get();
    check.install();
  }

  @Test
  void everyTerraformFileParses() throws Exception {
    List<Path> files = new DeploymentChecks(ROOT).hclFiles();
    assertTrue(files.stream().anyMatch(f -> f.toString().endsWith("main.tf")), files::toString);

    NodeProject.Result result = check.check(files);

    assertEquals(0, result.exitCode(), result::output);
    assertTrue(result.output().contains("ok: " + files.size() + " files"), result::output);
  }

  @Test
  void brokenFilesAreRejectedWithFileLineAndReason(@TempDir Path dir) throws Exception {
    Path good = Files.writeString(dir.resolve("good.tf"), "resource \"a\" \"b\" {\n  x = 1\n}\n");
    Path unclosed = Files.writeString(dir.resolve("unclosed.tf"), "resource \"a\" \"b\" {\n  x = 1\n");
    Path noEquals = Files.writeString(dir.resolve("no_equals.tf"), "locals {\n  a = 1\n  b 2\n}\n");
    Path twice = Files.writeString(dir.resolve("twice.tf"), "locals {\n  a = 1\n  a = 2\n}\n");

    NodeProject.Result result = check.check(List.of(good, unclosed, noEquals, twice));

    String out = result.output();
    assertEquals(1, result.exitCode(), out);
    assertTrue(out.contains(unclosed + ": ") && out.contains("unclosed.tf:1,") && out.contains("Unclosed configuration block"), out);
    assertTrue(out.contains(noEquals + ": ") && out.contains("no_equals.tf:3,"), out);
    assertTrue(out.contains(twice + ": ") && out.contains("Attribute redefined"), out);
    assertFalse(out.contains(good + ": "), out);
    assertTrue(out.contains("3 of 4 files do not parse"), out);
  }

  @Test
  void theTolerantTokenizerAloneAcceptsWhatTheParserRejects(@TempDir Path dir) throws Exception {
    String noEquals = "locals {\n  a = 1\n  b 2\n}\n";

    // Hcl reads structure for the consistency checks and does not validate it...
    assertDoesNotThrow(() -> Hcl.parse("no_equals.tf", noEquals));
    // ...which is why the strict parser runs as well.
    Path file = Files.writeString(dir.resolve("no_equals.tf"), noEquals);
    assertEquals(1, check.check(List.of(file)).exitCode());
  }
}
