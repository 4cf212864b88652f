package dev.backlot.scaffolder.actions;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code fetch:template:file}: one file next to the template rendered with {@code values} into
 * {@code targetPath}, as {@code fetch:template} renders a skeleton's files (a binary file copied
 * as it is); an existing file is kept unless {@code replace}. Backstage has no {@code fetch:file}:
 * this is its single-file fetch that templates.
 */
final class FetchTemplateFile extends DescribedAction {
  private static final ObjectNode INPUT = Schemas.of("""
      {"type": "object", "required": ["url", "targetPath"], "properties": {
        "url": {"type": "string", "description": "Relative path or absolute URL pointing to the single file to fetch."},
        "targetPath": {"type": "string", "description": "Target path within the working directory to download the file as."},
        "values": {"type": "object", "description": "Values to pass on to the templating engine"},
        "cookiecutterCompat": {"type": "boolean", "description": "Enable features to maximise compatibility with templates built for fetch:cookiecutter"},
        "replace": {"type": "boolean", "description": "If set, replace file in targetPath instead of overwriting existing one."},
        "token": {"type": "string", "description": "An authorization token for fetching the content"}
      }}""");

  FetchTemplateFile() {
    super("fetch:template:file", "Downloads single file and places it in the workspace.", INPUT);
  }

  @Override
  public void run(ActionContext context) {
    if (context.input().path("cookiecutterCompat").asBoolean(false)) {
      throw new ActionException("cookiecutterCompat is not supported yet");
    }
    String url = context.string("url", "");
    context.log("Fetching template file content from remote URL " + url);
    Path destination = context.workspace().resolve(context.string("targetPath", ""));
    if (Files.exists(destination) && !context.input().path("replace").asBoolean(false)) {
      context.log("File " + context.string("targetPath", "") + " already exists in the workspace, not replacing it");
      return;
    }
    byte[] content = context.templateFiles().file(url);
    String text = FetchTemplate.utf8Text(content);
    if (text != null) {
      ObjectNode values = JsonNodeFactory.instance.objectNode();
      values.set("values", context.input().path("values").isObject() ? context.input().get("values") : JsonNodeFactory.instance.objectNode());
      content = FetchTemplate.render(text, values, url).getBytes(StandardCharsets.UTF_8);
    }
    context.workspace().write(destination, content);
  }
}
