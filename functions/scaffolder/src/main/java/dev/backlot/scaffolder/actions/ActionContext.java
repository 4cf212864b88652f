package dev.backlot.scaffolder.actions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;

/**
 * What an action gets: its rendered input, the task's workspace and template files, a log, and
 * where its outputs go. Secrets are in {@code secrets} only, never in the input an action logs.
 */
public record ActionContext(String taskId, String stepId, ObjectNode input, Workspace workspace, TemplateFiles templateFiles,
    JsonNode secrets, JsonNode user, boolean dryRun, Consumer<String> log, ObjectNode output) {

  public void log(String message) {
    log.accept(message);
  }

  public void output(String name, JsonNode value) {
    output.set(name, value);
  }

  public void output(String name, String value) {
    output.put(name, value);
  }

  public String string(String key, String fallback) {
    JsonNode value = input.get(key);
    return value == null || value.isNull() ? fallback : value.asText();
  }
}
