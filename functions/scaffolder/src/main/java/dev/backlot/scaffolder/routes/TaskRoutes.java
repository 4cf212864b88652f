package dev.backlot.scaffolder.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.platform.http.Access;
import dev.backlot.platform.http.HttpError;
import dev.backlot.platform.http.Request;
import dev.backlot.platform.http.Response;
import dev.backlot.platform.http.Router;
import dev.backlot.scaffolder.permissions.ScaffolderPermissions;
import dev.backlot.scaffolder.permissions.TemplateAuthorization;
import dev.backlot.scaffolder.run.TaskQueue;
import dev.backlot.scaffolder.run.TaskSpecs;
import dev.backlot.scaffolder.run.TaskWorker;
import dev.backlot.scaffolder.run.TemplateRunner;
import dev.backlot.scaffolder.storage.TaskEvent;
import dev.backlot.scaffolder.storage.TaskRecord;
import dev.backlot.scaffolder.storage.TaskStore;
import dev.backlot.scaffolder.template.InvalidTemplateException;
import dev.backlot.scaffolder.template.ParameterValidation;
import dev.backlot.scaffolder.template.Template;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Backstage's task API: create (validated, then stored; the request returns at once), list, read,
 * events, cancel; and the worker route the scheduler calls, which runs the stored tasks.
 */
public final class TaskRoutes {
  /** Events per {@code GET /v2/tasks/:id/events} answer; the caller asks again with {@code after}. */
  static final int MAX_EVENTS = 1_000;
  /** Tasks per {@code GET /v2/tasks} page, and the default. */
  static final int MAX_LIMIT = 1_000;
  static final int DEFAULT_LIMIT = 100;
  /** How long one event stream stays open, below the 60 s request deadline. */
  static final long STREAM_MILLIS = 50_000;

  private final Templates templates;
  private final TemplateRunner runner;
  private final TaskStore store;
  private final TaskWorker worker;
  private final TemplateAuthorization authorization;
  private final TaskQueue queue;

  public TaskRoutes(Templates templates, TemplateRunner runner, TaskStore store, TaskWorker worker, TemplateAuthorization authorization,
      TaskQueue queue) {
    this.authorization = authorization;
    this.queue = queue;
    this.templates = templates;
    this.runner = runner;
    this.store = store;
    this.worker = worker;
  }

  public void register(Router router) {
    router.post("/v2/tasks", Access.SIGNED_IN.permission(ScaffolderPermissions.TASK_CREATE), this::create);
    router.get("/v2/tasks", Access.SIGNED_IN.permission(ScaffolderPermissions.TASK_READ), this::list);
    router.get("/v2/tasks/:taskId", Access.SIGNED_IN.permission(ScaffolderPermissions.TASK_READ), request -> task(found(request.pathParam("taskId"))));
    router.get("/v2/tasks/:taskId/events", Access.SIGNED_IN.permission(ScaffolderPermissions.TASK_READ), this::events);
    router.post("/v2/tasks/:taskId/cancel", Access.SIGNED_IN.permission(ScaffolderPermissions.TASK_CANCEL), this::cancel);
    router.post("/v2/tasks/:taskId/retry", Access.SIGNED_IN.permission(ScaffolderPermissions.TASK_CREATE), this::retry);
    router.get("/v2/tasks/:taskId/eventstream", Access.SIGNED_IN.permission(ScaffolderPermissions.TASK_READ), this::eventStream);
    router.post("/v2/tasks/work", Access.services("scheduler"), request -> JsonNodeFactory.instance.objectNode().put("ran", worker.work()));
    // A Cloud Task's call for one task (TaskQueue); a task another worker holds or that ended answers ran: 0, so Cloud Tasks does not retry.
    router.post("/v2/tasks/:taskId/work", Access.services("scheduler"),
        request -> JsonNodeFactory.instance.objectNode().put("ran", worker.work(request.pathParam("taskId")) ? 1 : 0));
  }

  private Object create(Request request) throws Exception {
    JsonNode body = request.json();
    if (body == null || !body.path("templateRef").isTextual()) {
      throw HttpError.inputError("templateRef is required");
    }
    JsonNode values = body.path("values").isObject() ? body.get("values") : JsonNodeFactory.instance.objectNode();
    JsonNode secrets = body.path("secrets");
    if (!secrets.isMissingNode() && !secrets.isNull() && !secrets.isObject()) {
      throw HttpError.inputError("secrets must be an object");
    }
    // Backstage's authorizeTemplate: the task gets only the parameter pages and steps the caller may read.
    TemplateAuthorization.Decisions decisions = authorization.decide(request.identity(), request::callerAuthorization);
    ArrayNode errors;
    Template template;
    try {
      template = Template.from(TemplateAuthorization.filter(templates.get(ref(body.get("templateRef").asText()), request).entity(), decisions));
      runner.validate(template);
      errors = ParameterValidation.errors(template, values);
    } catch (InvalidTemplateException e) {
      throw HttpError.inputError(e.getMessage());
    }
    if (!errors.isEmpty()) {
      ObjectNode answer = JsonNodeFactory.instance.objectNode();
      answer.set("errors", errors);
      return Response.json(400, answer);
    }
    String id = UUID.randomUUID().toString();
    String createdBy = request.identity().subject();
    store.create(id, TaskSpecs.of(template, values, templates.user(request.identity())), secrets.isObject() ? secrets : null, createdBy);
    queue.enqueue(id);
    return Response.json(201, JsonNodeFactory.instance.objectNode().put("id", id));
  }

  /** {@code template:default/x}, or Backstage's short forms {@code default/x} and {@code x}. */
  private static String ref(String templateRef) {
    String ref = templateRef.contains(":") ? templateRef : "template:" + templateRef;
    String name = ref.substring(ref.indexOf(':') + 1);
    return name.contains("/") ? ref : ref.substring(0, ref.indexOf(':') + 1) + "default/" + name;
  }

  private Object list(Request request) throws Exception {
    String createdBy = request.query("createdBy").orElse(null);
    String status = request.query("status").orElse(null);
    int limit = number(request.query("limit"), DEFAULT_LIMIT, MAX_LIMIT, "limit");
    int offset = number(request.query("offset"), 0, Integer.MAX_VALUE, "offset");
    ObjectNode answer = JsonNodeFactory.instance.objectNode();
    ArrayNode tasks = answer.putArray("tasks");
    for (TaskRecord task : store.list(createdBy, status, limit, offset)) {
      tasks.add(task(task));
    }
    answer.put("totalTasks", store.count(createdBy, status));
    return answer;
  }

  private static int number(Optional<String> value, int fallback, int max, String name) {
    if (value.isEmpty()) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value.get());
      if (parsed < 0 || parsed > max) {
        throw HttpError.inputError(name + " must be between 0 and " + max);
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw HttpError.inputError(name + " must be a number");
    }
  }

  private TaskRecord found(String id) throws Exception {
    return store.get(id).orElseThrow(() -> HttpError.notFound("Task with id " + id + " does not exist"));
  }

  private Object events(Request request) throws Exception {
    TaskRecord task = found(request.pathParam("taskId"));
    long after = number(request.query("after"), 0, Integer.MAX_VALUE, "after");
    ArrayNode events = JsonNodeFactory.instance.arrayNode();
    List<TaskEvent> found = store.events(task.id(), after, MAX_EVENTS);
    for (TaskEvent event : found) {
      events.add(event(event));
    }
    return events;
  }

  private Object cancel(Request request) throws Exception {
    String id = request.pathParam("taskId");
    found(id);
    String status = store.cancel(id).orElseThrow(() -> HttpError.notFound("Task with id " + id + " does not exist"));
    if (TaskStore.CANCELLED.equals(status)) {
      store.addEvent(id, "cancelled", JsonNodeFactory.instance.objectNode().put("message", "Run completed with status: cancelled"));
    }
    return JsonNodeFactory.instance.objectNode().put("status", status);
  }

  private Object retry(Request request) throws Exception {
    String id = request.pathParam("taskId");
    // A task acts for whoever created it (catalog:register and the like, on their behalf): run again
    // by someone else, it would act for its creator with the other person's secrets.
    String createdBy = found(id).createdBy();
    if (!createdBy.equalsIgnoreCase(request.identity().subject())) {
      throw HttpError.notAllowed("Only " + createdBy + ", who created task " + id + ", may retry it");
    }
    JsonNode body = request.body().length == 0 ? null : request.json();
    JsonNode secrets = body == null ? null : body.path("secrets");
    if (secrets != null && !secrets.isMissingNode() && !secrets.isNull() && !secrets.isObject()) {
      throw HttpError.inputError("secrets must be an object");
    }
    if (!store.retry(id, secrets != null && secrets.isObject() ? secrets : null)) {
      throw HttpError.conflict("Task " + id + " is neither failed nor cancelled: only those are retried");
    }
    queue.enqueue(id);
    return Response.json(201, JsonNodeFactory.instance.objectNode().put("id", id));
  }

  /**
   * Server-sent events of the task, Backstage's {@code event: <type>} and {@code data: <event>}:
   * the stored events after {@code after}, then new ones as the worker records them (read every
   * half second) until the task ends, or {@link #STREAM_MILLIS} pass (below the request deadline);
   * the client then reconnects with the last id it saw.
   */
  private Object eventStream(Request request) throws Exception {
    TaskRecord task = found(request.pathParam("taskId"));
    long start = number(request.query("after"), 0, Integer.MAX_VALUE, "after");
    return Response.stream(200, "text/event-stream", out -> {
      long after = start;
      long deadline = System.currentTimeMillis() + STREAM_MILLIS;
      try {
        while (true) {
          boolean ended = false;
          for (TaskEvent event : store.events(task.id(), after, MAX_EVENTS)) {
            out.write(("event: " + event.type() + "\ndata: " + event(event) + "\n\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            after = event.id();
            ended |= event.type().equals("completion") || event.type().equals("cancelled");
          }
          out.flush();
          if (ended || System.currentTimeMillis() > deadline) {
            return;
          }
          Thread.sleep(500);
        }
      } catch (java.sql.SQLException e) {
        throw new java.io.IOException("cannot read the task's events", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }).withHeader("Cache-Control", "no-cache");
  }

  /** Backstage's event shape: {@code {id, taskId, type, body, createdAt}}. */
  private static ObjectNode event(TaskEvent event) {
    ObjectNode item = JsonNodeFactory.instance.objectNode();
    item.put("id", event.id()).put("taskId", event.taskId()).put("type", event.type()).put("createdAt", event.createdAt());
    item.set("body", event.body());
    return item;
  }

  private static ObjectNode task(TaskRecord task) {
    ObjectNode item = JsonNodeFactory.instance.objectNode();
    item.put("id", task.id());
    item.set("spec", task.spec());
    item.put("status", task.status());
    item.put("createdAt", task.createdAt());
    item.put("lastHeartbeatAt", task.lastHeartbeatAt());
    item.put("createdBy", task.createdBy());
    if (task.output() != null) {
      item.set("output", task.output());
    }
    return item;
  }
}
