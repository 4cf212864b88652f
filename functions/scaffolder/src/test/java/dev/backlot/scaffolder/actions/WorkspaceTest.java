package dev.backlot.scaffolder.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A workspace keeps to its limits and its folder, and leaves nothing behind. */
class WorkspaceTest {
  @Test
  void writingMoreFilesOrBytesThanTheLimitsIsRefused() {
    try (Workspace workspace = Workspace.create()) {
      ActionException tooBig = assertThrows(ActionException.class,
          () -> workspace.write(workspace.resolve("big.bin"), new byte[(int) Workspace.MAX_BYTES + 1]));
      assertTrue(tooBig.getMessage().contains("more than"), tooBig.getMessage());
      assertFalse(Files.exists(workspace.resolve("big.bin")));
      for (int i = 0; i < Workspace.MAX_FILES; i++) {
        workspace.write(workspace.resolve("d" + (i % 50) + "/f" + i), new byte[] {1});
      }
      assertThrows(ActionException.class, () -> workspace.write(workspace.resolve("one-more"), new byte[] {1}));
      assertEquals(Workspace.MAX_FILES, workspace.files(workspace.root()).size());
    }
  }

  @Test
  void aLinkInsideTheWorkspaceIsNotFollowed() throws Exception {
    Path outside = Files.createTempDirectory("outside");
    try (Workspace workspace = Workspace.create()) {
      Files.createSymbolicLink(workspace.root().resolve("link"), outside);
      ActionException refused = assertThrows(ActionException.class, () -> workspace.resolve("link/file.txt"));
      assertTrue(refused.getMessage().contains("link"), refused.getMessage());
    } finally {
      Files.delete(outside);
    }
  }

  @Test
  void closingDeletesTheFolderAndEverythingInIt() {
    Path root;
    try (Workspace workspace = Workspace.create()) {
      root = workspace.root();
      workspace.write(workspace.resolve("a/b/c.txt"), new byte[] {1, 2});
    }
    assertFalse(Files.exists(root));
  }
}
