package dev.backlot.scaffolder.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.scaffolder.actions.TemplateFiles;
import dev.backlot.scaffolder.actions.Workspace;

/**
 * One run of a template: the values and secrets, who runs it ({@code user} with {@code ref} and
 * {@code entity}), the files next to the template, the workspace, and the outputs of steps already
 * done when a task resumes ({@code done}, by step id; empty otherwise), and which actions the initiator may run.
 */
public record RunRequest(String taskId, JsonNode values, JsonNode secrets, JsonNode user, TemplateFiles files, Workspace workspace,
    boolean dryRun, ActionGate gate, ObjectNode done) {
  /** A run from the first step. */
  public RunRequest(String taskId, JsonNode values, JsonNode secrets, JsonNode user, TemplateFiles files, Workspace workspace, boolean dryRun,
      ActionGate gate) {
    this(taskId, values, secrets, user, files, workspace, dryRun, gate, com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode());
  }
}
