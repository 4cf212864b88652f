package dev.backlot.scaffolder.actions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/** {@code debug:log}: a message in the log, and optionally the workspace's file names or contents. */
final class DebugLog extends DescribedAction {
  private static final ObjectNode INPUT = Schemas.of("""
      {"type": "object", "properties": {
        "message": {"type": "string", "title": "Message to output."},
        "listWorkspace": {"type": ["boolean", "string"], "enum": [true, false, "with-filenames", "with-contents"],
          "title": "List all files in the workspace, if true."},
        "extra": {"title": "Extra info"}
      }}""");

  DebugLog() {
    super("debug:log",
        "Writes a message into the log and/or lists all files in the workspace.", INPUT);
  }

  @Override
  public void run(ActionContext context) throws Exception {
    if (context.input().hasNonNull("message")) {
      context.log(context.input().get("message").asText());
    }
    JsonNode list = context.input().path("listWorkspace");
    if (list.isMissingNode() || list.isNull() || list.isBoolean() && !list.booleanValue()) {
      return;
    }
    StringBuilder out = new StringBuilder("Workspace:");
    for (String file : context.workspace().files(context.workspace().root())) {
      out.append("\n  - ").append(file);
      if ("with-contents".equals(list.asText())) {
        out.append(":\n").append(new String(Files.readAllBytes(context.workspace().resolve(file)), StandardCharsets.UTF_8).indent(4).stripTrailing());
      }
    }
    context.log(out.toString());
  }
}
