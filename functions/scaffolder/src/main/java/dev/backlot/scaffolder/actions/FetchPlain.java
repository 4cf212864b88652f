package dev.backlot.scaffolder.actions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** {@code fetch:plain}: a folder next to the template copied into the workspace as it is. */
final class FetchPlain extends DescribedAction {
  private static final ObjectNode INPUT = Schemas.of("""
      {"type": "object", "required": ["url"], "properties": {
        "url": {"type": "string", "description": "Relative path or absolute URL pointing to the directory tree to fetch"},
        "targetPath": {"type": "string", "description": "Target path within the working directory to download the contents to."},
        "token": {"type": "string", "description": "An authorization token for fetching the content"}
      }}""");

  FetchPlain() {
    super("fetch:plain",
        "Downloads content and places it in the workspace, or optionally in a subdirectory specified by the targetPath input option.", INPUT);
  }

  @Override
  public void run(ActionContext context) {
    Path target = context.workspace().resolve(context.string("targetPath", "./"));
    context.log("Fetching plain content from remote URL");
    for (Map.Entry<String, byte[]> file : context.templateFiles().folder(context.string("url", "")).entrySet()) {
      Path destination = context.workspace().inside(target, file.getKey());
      if (!Files.exists(destination)) {
        context.workspace().write(destination, file.getValue());
      }
    }
  }
}
