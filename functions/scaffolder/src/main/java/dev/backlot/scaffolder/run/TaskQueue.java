package dev.backlot.scaffolder.run;

import dev.backlot.platform.config.Config;
import java.util.stream.Stream;

/**
 * Where a new task is handed to a worker. Locally (and when nothing is configured) nowhere: the
 * scheduler's call to {@code POST /v2/tasks/work} (the local portal's timer) claims stored tasks.
 * In GCP, {@code scaffolder.cloudTasks} makes each task one Cloud Task that calls
 * {@code POST /v2/tasks/:id/work} on its own instance, so tasks fan out instead of queueing behind
 * one worker; the scheduler's call stays as the backstop for a task whose Cloud Task was lost.
 */
public interface TaskQueue {
  /** Stored tasks wait for the scheduler's worker call. */
  TaskQueue LOCAL = taskId -> {};

  /** Hands {@code taskId} (stored, open) to a worker; a failure is logged, the scheduler's call then runs it. */
  void enqueue(String taskId);

  /**
   * Cloud Tasks when {@code scaffolder.cloudTasks} has any key; an empty section is none: the
   * production layer maps Terraform's variables there, and where Terraform sets none (no queue)
   * every key is absent.
   */
  static TaskQueue fromConfig(Config config) {
    return config.getOptionalConfig("scaffolder.cloudTasks")
        .filter(tasks -> Stream.of("queue", "workerUrl", "serviceAccountEmail", "audience").anyMatch(tasks::has))
        .<TaskQueue>map(CloudTasksQueue::fromConfig).orElse(LOCAL);
  }
}
