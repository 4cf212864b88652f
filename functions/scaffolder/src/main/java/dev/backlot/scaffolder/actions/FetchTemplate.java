package dev.backlot.scaffolder.actions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.scaffolder.expression.ExpressionException;
import dev.backlot.scaffolder.expression.Templating;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code fetch:template}: a skeleton next to the template rendered into the workspace as Backstage
 * renders it. {@code ${{ values.x }}} in contents and paths; a path that renders to an empty
 * segment is skipped (how templates leave files out); {@code copyWithoutTemplating} copies contents
 * as they are but renders paths, the older {@code copyWithoutRender} renders neither; with
 * {@code templateFileExtension} only files with that extension are rendered (and lose it); binary
 * files are copied byte for byte.
 */
final class FetchTemplate extends DescribedAction {
  private static final ObjectNode INPUT = Schemas.of("""
      {"type": "object", "required": ["url"], "properties": {
        "url": {"type": "string", "description": "Relative path or absolute URL pointing to the directory tree to fetch"},
        "targetPath": {"type": "string", "description": "Target path within the working directory to generate contents to. Defaults to the working directory root."},
        "values": {"type": "object", "description": "Values to pass on to the templating engine"},
        "copyWithoutRender": {"type": "array", "items": {"type": "string"}, "description": "Deprecated: copyWithoutTemplating"},
        "copyWithoutTemplating": {"type": "array", "items": {"type": "string"}, "description": "Globs of files and folders whose contents are copied without templating"},
        "cookiecutterCompat": {"type": "boolean", "description": "Enable features to maximise compatibility with templates built for fetch:cookiecutter"},
        "templateFileExtension": {"type": ["string", "boolean"], "description": "Only template files with this extension (.njk when true) and remove it"},
        "replace": {"type": "boolean", "description": "Replace files in the target path that already exist"},
        "token": {"type": "string", "description": "An authorization token for fetching the skeleton"}
      }}""");

  FetchTemplate() {
    super("fetch:template",
        "Downloads a skeleton, templates variables into file and directory names and content, and places the result in the workspace, or optionally in a subdirectory specified by the targetPath input option.", INPUT);
  }

  @Override
  public void run(ActionContext context) {
    ObjectNode input = context.input();
    if (input.path("cookiecutterCompat").asBoolean(false)) {
      throw new ActionException("cookiecutterCompat is not supported yet");
    }
    if (input.has("copyWithoutRender") && input.has("copyWithoutTemplating")) {
      throw new ActionException("Cannot use both copyWithoutRender and copyWithoutTemplating");
    }
    String extension = extension(input.get("templateFileExtension"));
    if (extension != null && (input.has("copyWithoutRender") || input.has("copyWithoutTemplating"))) {
      throw new ActionException("input extension incompatible with copyWithoutRender/copyWithoutTemplating and cookiecutterCompat");
    }
    boolean renderPathsOfCopied = input.has("copyWithoutTemplating");
    Globs copied = new Globs(strings(input.has("copyWithoutTemplating") ? input.get("copyWithoutTemplating") : input.path("copyWithoutRender")));
    Path target = context.workspace().resolve(context.string("targetPath", "./"));
    boolean replace = input.path("replace").asBoolean(false);
    ObjectNode values = JsonNodeFactory.instance.objectNode();
    values.set("values", input.path("values").isObject() ? input.get("values") : JsonNodeFactory.instance.objectNode());

    String url = context.string("url", "");
    context.log("Fetching template content from remote URL " + url);
    Map<String, byte[]> files = context.templateFiles().folder(url);
    context.log("Processing " + files.size() + " template files/directories with input values");
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      String location = file.getKey();
      boolean renderPath;
      boolean renderContents;
      String outputPath = location;
      if (extension != null) {
        renderPath = true;
        renderContents = location.endsWith(extension);
        if (renderContents) {
          outputPath = outputPath.substring(0, outputPath.length() - extension.length());
        }
      } else {
        boolean plain = copied.matches(location);
        renderPath = !plain || renderPathsOfCopied;
        renderContents = !plain;
      }
      if (renderPath) {
        outputPath = render(outputPath, values, "the path " + location);
      }
      if (skipped(outputPath)) {
        continue;
      }
      Path destination = context.workspace().inside(target, outputPath);
      if (!replace && java.nio.file.Files.exists(destination)) {
        continue;
      }
      byte[] content = file.getValue();
      String text = renderContents ? utf8Text(content) : null;
      if (text != null) {
        content = render(text, values, location).getBytes(StandardCharsets.UTF_8);
      }
      context.workspace().write(destination, content);
    }
    context.log("Template result written to " + (target.equals(context.workspace().root()) ? "./" : context.workspace().root().relativize(target)));
  }

  static String render(String text, ObjectNode values, String what) {
    try {
      return Templating.renderText(text, values);
    } catch (ExpressionException e) {
      throw new ActionException("Failed to render " + what + ": " + e.getMessage());
    }
  }

  /** A rendered path with an empty segment (a leading, doubled or trailing '/') stands for a left-out file. */
  private static boolean skipped(String path) {
    return path.isEmpty() || path.startsWith("/") || path.endsWith("/") || path.contains("//");
  }

  private static String extension(JsonNode option) {
    if (option == null || option.isNull() || option.isBoolean() && !option.booleanValue()) {
      return null;
    }
    if (option.isBoolean()) {
      return ".njk";
    }
    String extension = option.asText();
    return extension.startsWith(".") ? extension : "." + extension;
  }

  /** The content as text, or null when it is binary (a NUL byte, or not UTF-8): binary files are copied as they are. */
  static String utf8Text(byte[] content) {
    for (int i = 0; i < Math.min(content.length, 8000); i++) {
      if (content[i] == 0) {
        return null;
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  static List<String> strings(JsonNode array) {
    List<String> strings = new ArrayList<>();
    if (array != null && array.isArray()) {
      array.forEach(item -> strings.add(item.asText()));
    }
    return strings;
  }
}
