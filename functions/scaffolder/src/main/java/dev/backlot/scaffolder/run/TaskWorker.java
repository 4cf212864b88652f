package dev.backlot.scaffolder.run;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.integration.github.GitHubCredentials;
import dev.backlot.platform.auth.Identity;
import dev.backlot.scaffolder.actions.ActionContext;
import dev.backlot.scaffolder.actions.GitHubTemplateFiles;
import dev.backlot.scaffolder.permissions.TemplateAuthorization;
import dev.backlot.scaffolder.actions.TemplateFiles;
import dev.backlot.scaffolder.actions.Workspace;
import dev.backlot.scaffolder.actions.WorkspaceSnapshot;
import dev.backlot.scaffolder.storage.ClaimedTask;
import dev.backlot.scaffolder.storage.TaskStore;
import dev.backlot.scaffolder.template.InvalidTemplateException;
import dev.backlot.scaffolder.template.Template;
import java.sql.SQLException;
import java.time.Clock;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The worker invocation: claims tasks with a lease and runs them one after the other until none is
 * left or its time budget is spent, checkpointing (and renewing the lease) after every step. No
 * instance stays up between invocations: a task whose worker died is claimed again once its lease
 * ran out, gets Backstage's {@code recovered} event, and resumes after its last checkpointed step
 * in a workspace restored from the snapshot taken with that checkpoint; without one (no step
 * finished, or a workspace larger than {@link WorkspaceSnapshot#MAX_BYTES}) it starts over in a
 * fresh workspace, as Backstage's {@code startOver} recovery does.
 */
public final class TaskWorker {
  /** How long a claim holds without a checkpoint: longer than any one step should take. */
  public static final long LEASE_MILLIS = 120_000;
  /** A worker invocation claims no task after this much of its request's time has passed (the request deadline is 60 s). */
  public static final long BUDGET_MILLIS = 40_000;
  /**
   * Claims a task may have: one that keeps outliving its workers (a step longer than the request
   * deadline, an instance that runs out of memory) fails instead of starting over for ever.
   */
  public static final int MAX_ATTEMPTS = 3;
  private static final Logger LOG = Logger.getLogger(TaskWorker.class.getName());

  private final TaskStore store;
  private final GitHubCredentials github;
  private final TemplateRunner runner;
  private final Clock clock;
  private final long leaseMillis;
  private final TemplateAuthorization authorization;

  public TaskWorker(TaskStore store, TemplateRunner runner, GitHubCredentials github, Clock clock, long leaseMillis,
      TemplateAuthorization authorization) {
    this.authorization = authorization;
    this.store = store;
    this.github = github;
    this.runner = runner;
    this.clock = clock;
    this.leaseMillis = leaseMillis;
  }

  /** Runs claimable tasks for up to {@link #BUDGET_MILLIS}; how many it ran. */
  public int work() throws SQLException {
    long start = clock.millis();
    int ran = 0;
    String owner = "worker-" + UUID.randomUUID();
    while (clock.millis() - start < BUDGET_MILLIS) {
      var claimed = store.claim(owner, leaseMillis);
      if (claimed.isEmpty()) {
        break;
      }
      run(claimed.get());
      ran++;
    }
    return ran;
  }

  /** Runs task {@code id} when it can be claimed (a Cloud Task's call); whether it ran. */
  public boolean work(String id) throws SQLException {
    var claimed = store.claim("worker-" + UUID.randomUUID(), leaseMillis, id);
    if (claimed.isEmpty()) {
      return false;
    }
    run(claimed.get());
    return true;
  }

  void run(ClaimedTask task) throws SQLException {
    Redactor redactor = new Redactor(task.secrets());
    if (task.attempts() > MAX_ATTEMPTS) {
      if (store.finish(task.id(), task.leaseOwner(), TaskStore.FAILED, null)) {
        ObjectNode body = message("Run completed with status: failed");
        body.putObject("error").put("name", "Error").put("message", "The task's worker stopped before it finished " + MAX_ATTEMPTS + " times; it is not started again");
        store.addEvent(task.id(), "completion", body);
      }
      return;
    }
    try (Workspace workspace = Workspace.create()) {
      // Resume after the last checkpointed step when its workspace was snapshotted with it; else start over.
      boolean resumes = task.recovered() && !task.checkpoints().isEmpty() && task.workspaceSnapshot() != null;
      ObjectNode checkpoints = resumes ? task.checkpoints().deepCopy() : JsonNodeFactory.instance.objectNode();
      if (resumes) {
        WorkspaceSnapshot.restore(task.workspaceSnapshot(), workspace);
      }
      if (task.recovered()) {
        store.addEvent(task.id(), "recovered", message(resumes
            ? "Task was recovered after its worker stopped; it resumes after the " + checkpoints.size()
                + (checkpoints.size() == 1 ? " step" : " steps") + " it had finished"
            : "Task was recovered after its worker stopped; it starts over in a new workspace"));
      }
      Template template = TaskSpecs.template(task.spec());
      RunRequest request = new RunRequest(task.id(), task.spec().path("parameters"), task.secrets(), task.spec().path("user"),
          templateFiles(template, task.spec()), workspace, false, actionGate(task.spec().path("user")), checkpoints.deepCopy());
      ObjectNode redacted = runner.run(template, request, listener(task, redactor, workspace, checkpoints));
      if (store.finish(task.id(), task.leaseOwner(), TaskStore.COMPLETED, redacted)) {
        store.addEvent(task.id(), "completion", message("Run completed with status: completed").set("output", redacted));
      }
    } catch (StepFailedException | InvalidTemplateException e) {
      if (store.finish(task.id(), task.leaseOwner(), TaskStore.FAILED, null)) {
        ObjectNode body = message("Run completed with status: failed");
        body.putObject("error").put("name", "Error").put("message", redactor.redact(e.getMessage()));
        store.addEvent(task.id(), "completion", body);
      }
    } catch (CancelledException e) {
      if (store.finish(task.id(), task.leaseOwner(), TaskStore.CANCELLED, null)) {
        store.addEvent(task.id(), "cancelled", message("Run completed with status: cancelled"));
      }
    } catch (LeaseLostException e) {
      LOG.info("task " + task.id() + ": another worker took it over; this one stops");
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "task " + task.id() + " failed unexpectedly", e);
      if (store.finish(task.id(), task.leaseOwner(), TaskStore.FAILED, null)) {
        ObjectNode body = message("Run completed with status: failed");
        body.putObject("error").put("name", "Error").put("message", "The task failed unexpectedly; the scaffolder's log has the details");
        store.addEvent(task.id(), "completion", body);
      }
    }
  }

  /**
   * Records the run's log as task events, checkpoints every finished step's output with the
   * workspace after it (renewing the lease; a worker that lost it stops), and tells whether the
   * task was cancelled.
   */
  private RunListener listener(ClaimedTask task, Redactor redactor, Workspace workspace, ObjectNode checkpoints) {
    return new RunListener() {
      @Override
      public void log(String stepId, String status, String message) {
        ObjectNode body = message(redactor.redact(message));
        if (stepId != null) {
          body.put("stepId", stepId);
        }
        if (status != null) {
          body.put("status", status);
        }
        try {
          store.addEvent(task.id(), "log", body);
        } catch (SQLException e) {
          throw new IllegalStateException("cannot record a task event", e);
        }
      }

      @Override
      public void stepCompleted(String stepId, ObjectNode output) {
        checkpoints.set(stepId, output);
        try {
          if (!store.checkpoint(task.id(), task.leaseOwner(), checkpoints, WorkspaceSnapshot.of(workspace), leaseMillis)) {
            throw new LeaseLostException();
          }
        } catch (SQLException e) {
          throw new IllegalStateException("cannot checkpoint the task", e);
        }
      }

      @Override
      public boolean cancelled() {
        try {
          return store.cancelRequested(task.id());
        } catch (SQLException e) {
          throw new IllegalStateException("cannot read the task", e);
        }
      }
    };
  }

  /**
   * Which actions the task's initiator may run, asked for them (by their stored refs: the
   * scaffolder acts on their behalf) when the task runs, as Backstage asks with the initiator's
   * credentials. A permission function that cannot be asked fails the task, never runs it unchecked.
   */
  private ActionGate actionGate(com.fasterxml.jackson.databind.JsonNode user) {
    Identity initiator = ActionContext.initiatorOf(user);
    return authorization.actions(initiator, () -> {
      throw new IllegalStateException("the worker holds no token of " + initiator.subject());
    });
  }

  /** The files next to the template: from its GitHub location, or none (a step fetching them fails saying why). */
  private TemplateFiles templateFiles(Template template, com.fasterxml.jackson.databind.JsonNode spec) {
    String baseUrl = spec.path("templateInfo").path("baseUrl").asText("");
    return GitHubTemplateFiles.handles(github, baseUrl) ? new GitHubTemplateFiles(github, baseUrl) : new CatalogTemplateFiles(template.ref());
  }

  private static ObjectNode message(String message) {
    return JsonNodeFactory.instance.objectNode().put("message", message);
  }

  /** This worker's lease was taken over (it ran out while a step ran): it stops without writing anything more. */
  static final class LeaseLostException extends RuntimeException {
    LeaseLostException() {
      super("the task's lease was lost");
    }
  }
}
