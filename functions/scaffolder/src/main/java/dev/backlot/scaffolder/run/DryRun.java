package dev.backlot.scaffolder.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.scaffolder.actions.InMemoryTemplateFiles;
import dev.backlot.scaffolder.actions.Workspace;
import dev.backlot.scaffolder.template.InvalidTemplateException;
import dev.backlot.scaffolder.template.Step;
import dev.backlot.scaffolder.template.Template;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * {@code POST /v2/dry-run}: a template run on the files the request sends, in a workspace deleted
 * afterwards, with every action in dry-run mode (publishing actions are skipped with example
 * outputs). The answer is Backstage's: the log, the output, the steps and the produced files.
 */
public final class DryRun {
  /** Files a dry run may send, and their decoded size in total. */
  public static final int MAX_FILES = 2_000;
  public static final long MAX_BYTES = 20L * 1024 * 1024;

  private final TemplateRunner runner;

  public DryRun(TemplateRunner runner) {
    this.runner = runner;
  }

  /** The dry run of {@code body} for {@code user}, the steps' actions passed through {@code gate}. */
  public ObjectNode run(JsonNode body, JsonNode user, ActionGate gate) {
    Map<String, byte[]> files = files(body.path("directoryContents"));
    InMemoryTemplateFiles templateFiles = new InMemoryTemplateFiles(files);
    JsonNode entity = body.get("template") == null ? null : Placeholders.resolve(body.get("template").deepCopy(), templateFiles);
    Template template = Template.from(entity);
    runner.validate(template);
    ArrayNode log = JsonNodeFactory.instance.arrayNode();
    ObjectNode answer = JsonNodeFactory.instance.objectNode();
    RunListener listener = (stepId, status, message) -> {
      ObjectNode entry = log.addObject().putObject("body");
      entry.put("message", message);
      if (stepId != null) {
        entry.put("stepId", stepId);
      }
      if (status != null) {
        entry.put("status", status);
      }
    };
    String taskId = "dry-run-" + UUID.randomUUID();
    try (Workspace workspace = Workspace.create()) {
      RunRequest request = new RunRequest(taskId, body.path("values").isObject() ? body.get("values") : JsonNodeFactory.instance.objectNode(),
          body.path("secrets").isObject() ? body.get("secrets") : JsonNodeFactory.instance.objectNode(), user,
          templateFiles, workspace, true, gate);
      try {
        answer.set("output", runner.run(template, request, listener));
      } catch (StepFailedException e) {
        // Backstage's dry run answers with the log of the failure, not an error status.
        answer.putObject("output");
        answer.put("error", e.getMessage());
      }
      answer.set("log", log);
      ArrayNode steps = answer.putArray("steps");
      for (Step step : template.steps()) {
        steps.addObject().put("id", step.id()).put("name", step.name()).put("action", step.action());
      }
      ArrayNode produced = answer.putArray("directoryContents");
      for (String path : workspace.files(workspace.root())) {
        var file = workspace.resolve(path);
        produced.addObject().put("path", path).put("executable", false)
            .put("base64Content", Base64.getEncoder().encodeToString(Files.readAllBytes(file)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return answer;
  }

  private static Map<String, byte[]> files(JsonNode contents) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    if (contents.isMissingNode() || contents.isNull()) {
      return files;
    }
    if (!contents.isArray()) {
      throw new InvalidTemplateException("directoryContents must be a list of {path, base64Content}");
    }
    if (contents.size() > MAX_FILES) {
      throw new InvalidTemplateException("directoryContents has more than " + MAX_FILES + " files");
    }
    long total = 0;
    for (JsonNode file : contents) {
      String path = file.path("path").asText("");
      if (path.isEmpty()) {
        throw new InvalidTemplateException("every file of directoryContents needs a path");
      }
      byte[] content;
      try {
        content = Base64.getDecoder().decode(file.path("base64Content").asText(""));
      } catch (IllegalArgumentException e) {
        throw new InvalidTemplateException("the base64Content of " + path + " is not base64");
      }
      total += content.length;
      if (total > MAX_BYTES) {
        throw new InvalidTemplateException("directoryContents holds more than " + MAX_BYTES + " bytes");
      }
      files.put(path, content);
    }
    return files;
  }
}
