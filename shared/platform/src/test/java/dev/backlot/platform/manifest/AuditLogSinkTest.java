package dev.backlot.platform.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlot.platform.logging.AuditLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit events go to a dedicated log in GCP: terraform/ has a log bucket with its own retention
 * and a sink into it filtered on the logger AuditLog writes to. Runs on this repository, and shows
 * the check failing on broken copies of terraform/.
 */
class AuditLogSinkTest {
  private static final Path ROOT = RepoRoot.find();
  private static final String AUDIT = "terraform/modules/platform/audit.tf";

  @TempDir Path copy;

  @BeforeEach
  void copyTerraform() throws IOException {
    Path from = ROOT.resolve("terraform");
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.filter(f -> !f.toString().contains(".terraform")).toList()) {
        Path target = copy.resolve("terraform").resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(file, target);
        }
      }
    }
  }

  private void mutate(String file, String from, String to) throws IOException {
    Path path = copy.resolve(file);
    String text = Files.readString(path);
    assertTrue(text.contains(from), () -> file + " no longer contains: " + from);
    Files.writeString(path, text.replace(from, to));
  }

  private List<String> problems() {
    return new AuditLogRouting(copy).problems(AuditLog.LOGGER);
  }

  @Test
  void theRepositoryRoutesAuditEventsToTheirOwnBucketAndRetention() {
    assertEquals(List.of(), new AuditLogRouting(ROOT).problems(AuditLog.LOGGER));
    assertEquals(List.of(), problems());
  }

  @Test
  void aSinkOnAnotherLoggerIsCaught() throws IOException {
    mutate(AUDIT, "audit_logger = \"backlot.audit\"", "audit_logger = \"backlot.requests\"");
    List<String> problems = problems();
    assertEquals(1, problems.size(), problems::toString);
    assertTrue(problems.get(0).contains("google_logging_project_sink.audit") && problems.get(0).contains("jsonPayload.logger=\\\"backlot.audit\\\""),
        problems::toString);
  }

  @Test
  void renamingTheLoggerInTheCodeWithoutTheSinkIsCaught() {
    List<String> problems = new AuditLogRouting(copy).problems("backlot.audit-events");
    assertTrue(problems.toString().contains("backlot.audit-events"), problems::toString);
  }

  @Test
  void aBucketWithoutItsOwnRetentionIsCaught() throws IOException {
    mutate(AUDIT, "retention_days = var.audit_log_retention_days", "retention_days = 30");
    assertTrue(problems().toString().contains("retention_days must be a variable"), problems()::toString);
  }

  @Test
  void aSinkIntoAnotherDestinationIsCaught() throws IOException {
    mutate(AUDIT, "destination = \"logging.googleapis.com/${google_logging_project_bucket_config.audit.id}\"",
        "destination = \"storage.googleapis.com/some-bucket\"");
    assertTrue(problems().toString().contains("no google_logging_project_sink routes into the audit bucket"), problems()::toString);
  }

  @Test
  void noBucketAtAllIsCaught() throws IOException {
    Files.delete(copy.resolve(AUDIT));
    assertEquals(List.of("no google_logging_project_bucket_config: the audit events have no log bucket of their own"), problems());
  }
}
