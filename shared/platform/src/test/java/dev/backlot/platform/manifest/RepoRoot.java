package dev.backlot.platform.manifest;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository root, found from the test's working directory (the module directory). */
final class RepoRoot {
  static Path find() {
    Path start = Path.of("").toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("functions")) && Files.isDirectory(dir.resolve("terraform"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no directory holding both functions/ and terraform/ at or above " + start);
  }

  private RepoRoot() {}
}
