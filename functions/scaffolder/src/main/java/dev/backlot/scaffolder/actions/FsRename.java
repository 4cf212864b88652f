package dev.backlot.scaffolder.actions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** {@code fs:rename}: files or folders of the workspace moved, refusing to overwrite unless asked. */
final class FsRename extends DescribedAction {
  private static final ObjectNode INPUT = Schemas.of("""
      {"type": "object", "required": ["files"], "properties": {
        "files": {"type": "array", "title": "Files", "description": "A list of file and directory names that will be renamed",
          "items": {"type": "object", "required": ["from", "to"], "properties": {
            "from": {"type": "string", "title": "The source location of the file to be renamed"},
            "to": {"type": "string", "title": "The destination of the new file"},
            "overwrite": {"type": "boolean", "title": "Overwrite existing file or directory, default is false"}}}}
      }}""");

  FsRename() {
    super("fs:rename",
        "Renames files and directories within the workspace", INPUT);
  }

  @Override
  public void run(ActionContext context) throws IOException {
    for (JsonNode file : context.input().path("files")) {
      Path from = context.workspace().resolve(file.path("from").asText());
      Path to = context.workspace().resolve(file.path("to").asText());
      if (!Files.exists(from)) {
        throw new ActionException("the file " + file.path("from").asText() + " does not exist");
      }
      if (Files.exists(to) && !file.path("overwrite").asBoolean(false)) {
        throw new ActionException("dest already exists: " + file.path("to").asText());
      }
      context.log("Renaming " + file.path("from").asText() + " to " + file.path("to").asText());
      Files.createDirectories(to.getParent());
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
