package dev.backlot.scaffolder.actions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

/** {@code fs:delete}: the workspace's files matching the given paths or globs deleted. */
final class FsDelete extends DescribedAction {
  private static final ObjectNode INPUT = Schemas.of("""
      {"type": "object", "required": ["files"], "properties": {
        "files": {"type": "array", "title": "Files", "description": "A list of files and directories that will be deleted", "items": {"type": "string"}}
      }}""");

  FsDelete() {
    super("fs:delete",
        "Deletes files and directories from the workspace", INPUT);
  }

  @Override
  public void run(ActionContext context) throws IOException {
    List<String> patterns = FetchTemplate.strings(context.input().path("files"));
    for (String pattern : patterns) {
      // Checked like any path, so that "../x" is refused rather than matched against nothing.
      context.workspace().resolve(pattern);
    }
    Globs globs = new Globs(patterns);
    for (String file : context.workspace().files(context.workspace().root())) {
      if (globs.matches(file)) {
        Files.delete(context.workspace().resolve(file));
        context.log("File " + file + " deleted successfully");
      }
    }
  }
}
