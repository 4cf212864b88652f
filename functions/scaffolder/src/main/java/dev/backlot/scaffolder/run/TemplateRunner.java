package dev.backlot.scaffolder.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.scaffolder.actions.Action;
import dev.backlot.scaffolder.actions.ActionContext;
import dev.backlot.scaffolder.actions.ActionException;
import dev.backlot.scaffolder.actions.Actions;
import dev.backlot.scaffolder.expression.ExpressionException;
import dev.backlot.scaffolder.expression.Templating;
import dev.backlot.scaffolder.expression.Values;
import dev.backlot.scaffolder.template.InvalidTemplateException;
import dev.backlot.scaffolder.template.Step;
import dev.backlot.scaffolder.template.Template;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a template's steps in order, as Backstage's NunjucksWorkflowRunner: every action is checked
 * to exist before any step runs; each step's {@code if} and {@code each} are rendered, its input
 * rendered and checked against the action's schema, and its outputs land in
 * {@code steps['id'].output}; {@code spec.output} is rendered last.
 */
public final class TemplateRunner {
  private final Actions actions;
  private final ActionInputs inputs = new ActionInputs();

  public TemplateRunner(Actions actions) {
    this.actions = actions;
  }

  /** Every step's action exists, else an {@link InvalidTemplateException} naming the first that does not. */
  public void validate(Template template) {
    for (Step step : template.steps()) {
      if (actions.get(step.action()).isEmpty()) {
        throw new InvalidTemplateException("Template action with ID '" + step.action() + "' is not registered.");
      }
    }
  }

  /** The rendered {@code spec.output}, secrets hidden; a failing step throws {@link StepFailedException}, a cancelled run {@link CancelledException}. */
  public ObjectNode run(Template template, RunRequest request, RunListener listener) {
    validate(template);
    Redactor redactor = new Redactor(request.secrets());
    ObjectNode context = context(request);
    ObjectNode steps = (ObjectNode) context.get("steps");
    for (Step step : template.steps()) {
      if (listener.cancelled()) {
        throw new CancelledException();
      }
      if (request.done().has(step.id())) {
        // A recovered task resumes: this step finished before its worker stopped, and its output was checkpointed.
        steps.putObject(step.id()).set("output", request.done().get(step.id()));
        continue;
      }
      try {
        ObjectNode output = runStep(step, request, context, redactor, listener);
        steps.putObject(step.id()).set("output", output);
        listener.stepCompleted(step.id(), output);
      } catch (StepFailedException e) {
        listener.log(step.id(), "failed", e.getMessage());
        throw e;
      }
    }
    try {
      JsonNode output = Templating.renderInput(template.output(), context, "output");
      return output.isObject() ? redactor.redact((ObjectNode) output) : JsonNodeFactory.instance.objectNode();
    } catch (ExpressionException e) {
      throw new StepFailedException(null, redactor.redact("Template output failed: " + e.getMessage()));
    }
  }

  private static ObjectNode context(RunRequest request) {
    ObjectNode context = JsonNodeFactory.instance.objectNode();
    context.set("parameters", request.values() == null ? JsonNodeFactory.instance.objectNode() : request.values());
    context.set("secrets", request.secrets() == null ? JsonNodeFactory.instance.objectNode() : request.secrets());
    context.set("user", request.user() == null ? JsonNodeFactory.instance.objectNode() : request.user());
    context.putObject("steps");
    context.putObject("context").putObject("task").put("id", request.taskId());
    return context;
  }

  private ObjectNode runStep(Step step, RunRequest request, ObjectNode context, Redactor redactor, RunListener listener) {
    String stepId = step.id();
    if (step.condition() != null) {
      JsonNode condition = render(step, "if", step.condition(), context, redactor);
      if (!Values.truthy(condition)) {
        listener.log(stepId, "skipped", "Skipping step " + stepId + " because its if condition was false");
        return JsonNodeFactory.instance.objectNode();
      }
    }
    listener.log(stepId, "processing", "Beginning step " + step.name());
    Action action = actions.get(step.action()).orElseThrow();
    ObjectNode output = JsonNodeFactory.instance.objectNode();
    List<JsonNode> iterations = iterations(step, context, redactor);
    for (JsonNode each : iterations) {
      ObjectNode scope = context.deepCopy();
      if (each != null) {
        scope.set("each", each);
      }
      JsonNode input = render(step, null, step.input(), scope, redactor);
      String problems = inputs.problems(action, input);
      if (problems != null) {
        throw new StepFailedException(stepId, redactor.redact("Invalid input passed to action " + action.id() + ", " + problems));
      }
      if (!request.gate().allows(action.id(), input)) {
        // Backstage's NotAllowedError, with the input it was refused for (secrets redacted).
        throw new StepFailedException(stepId, redactor.redact("Unauthorized action: " + action.id() + ". The action is not allowed. Input: "
            + input.toPrettyString()));
      }
      if (request.dryRun()) {
        listener.log(stepId, null, "Running " + action.id() + " in dry-run mode with inputs (secrets redacted): " + redactor.redact(input.toPrettyString()));
        if (!action.supportsDryRun()) {
          listener.log(stepId, null, "Skipping because " + action.id() + " does not support dry-run");
          merge(output, exampleOutput(action.outputSchema()), each != null);
          continue;
        }
      }
      ObjectNode stepOutput = JsonNodeFactory.instance.objectNode();
      ActionContext actionContext = new ActionContext(request.taskId(), stepId, (ObjectNode) input, request.workspace(), request.files(),
          request.secrets(), request.user(), request.dryRun(), message -> listener.log(stepId, null, redactor.redact(message)), stepOutput);
      try {
        action.run(actionContext);
      } catch (ActionException | ExpressionException | InvalidTemplateException e) {
        throw new StepFailedException(stepId, redactor.redact(e.getMessage()));
      } catch (IOException | UncheckedIOException e) {
        throw new StepFailedException(stepId, redactor.redact("Step " + stepId + " could not use its workspace: " + e.getMessage()));
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new StepFailedException(stepId, redactor.redact(e.getMessage()));
      }
      merge(output, stepOutput, each != null);
    }
    listener.log(stepId, "completed", "Finished step " + step.name());
    return output;
  }

  /** {@code each} rendered: one iteration per item ({@code {key, value}}), or a single one without {@code each}. */
  private static List<JsonNode> iterations(Step step, ObjectNode context, Redactor redactor) {
    List<JsonNode> iterations = new ArrayList<>();
    if (step.each() == null) {
      iterations.add(null);
      return iterations;
    }
    JsonNode items = render(step, "each", step.each(), context, redactor);
    if (!items.isArray() && !items.isObject()) {
      throw new StepFailedException(step.id(), "Invalid value on action " + step.action() + ".each parameter, \"" + step.each().asText()
          + "\" cannot be resolved to a value");
    }
    if (items.isArray()) {
      for (int i = 0; i < items.size(); i++) {
        iterations.add(JsonNodeFactory.instance.objectNode().put("key", String.valueOf(i)).set("value", items.get(i)));
      }
    } else {
      for (Map.Entry<String, JsonNode> entry : items.properties()) {
        iterations.add(JsonNodeFactory.instance.objectNode().put("key", entry.getKey()).set("value", entry.getValue()));
      }
    }
    return iterations;
  }

  /** Under {@code each}, an output of every iteration is collected in a list, as Backstage does. */
  private static void merge(ObjectNode into, ObjectNode output, boolean each) {
    for (Map.Entry<String, JsonNode> entry : output.properties()) {
      if (each) {
        JsonNode list = into.get(entry.getKey());
        (list instanceof ArrayNode array ? array : into.putArray(entry.getKey())).add(entry.getValue());
      } else {
        into.set(entry.getKey(), entry.getValue());
      }
    }
  }

  private static ObjectNode exampleOutput(ObjectNode schema) {
    ObjectNode example = JsonNodeFactory.instance.objectNode();
    for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
      JsonNode value = property.getValue().path("examples").path(0);
      if (value.isMissingNode()) {
        value = property.getValue().path("default");
      }
      if (!value.isMissingNode()) {
        example.set(property.getKey(), value);
      }
    }
    return example;
  }

  private static JsonNode render(Step step, String field, JsonNode value, ObjectNode context, Redactor redactor) {
    try {
      if (field == null) {
        return Templating.renderInput(value, context, "");
      }
      return value.isTextual() ? Templating.renderValue(value.textValue(), context) : value;
    } catch (ExpressionException e) {
      String message = field == null ? "Step '" + step.id() + "' " + e.getMessage()
          : "Step '" + step.id() + "' " + field + ": " + e.getMessage() + " in '" + value.asText() + "'";
      throw new StepFailedException(step.id(), redactor.redact(message));
    }
  }
}
