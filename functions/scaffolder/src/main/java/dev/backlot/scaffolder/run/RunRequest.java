package dev.backlot.scaffolder.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlot.scaffolder.actions.TemplateFiles;
import dev.backlot.scaffolder.actions.Workspace;

/**
 * One run of a template: the values and secrets, who runs it ({@code user} with {@code ref} and
 * {@code entity}), the files next to the template, the workspace, and the outputs of steps already
 * done when a task resumes (empty otherwise), and which actions the initiator may run.
 */
public record RunRequest(String taskId, JsonNode values, JsonNode secrets, JsonNode user, TemplateFiles files, Workspace workspace,
    boolean dryRun, ActionGate gate) {}
