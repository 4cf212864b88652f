package dev.backlot.scaffolder.actions;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code fetch:plain:file}: one file next to the template copied to {@code targetPath} in the workspace. */
final class FetchPlainFile extends DescribedAction {
  private static final ObjectNode INPUT = Schemas.of("""
      {"type": "object", "required": ["url", "targetPath"], "properties": {
        "url": {"type": "string", "description": "Relative path or absolute URL pointing to the single file to fetch."},
        "targetPath": {"type": "string", "description": "Target path within the working directory to download the file as."},
        "token": {"type": "string", "description": "An authorization token for fetching the content"}
      }}""");

  FetchPlainFile() {
    super("fetch:plain:file",
        "Downloads single file and places it in the workspace.", INPUT);
  }

  @Override
  public void run(ActionContext context) {
    context.log("Fetching plain content from remote URL");
    context.workspace().write(context.workspace().resolve(context.string("targetPath", "")), context.templateFiles().file(context.string("url", "")));
  }
}
