package dev.backlot.scaffolder.run;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlot.platform.config.Config;
import dev.backlot.platform.config.ConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The production layer maps Terraform's BACKLOT_TASKS_* variables into {@code scaffolder.cloudTasks};
 * on a deployment without a queue they are unset and the section is empty: tasks then wait for the
 * scheduler's call. A section with some of its keys is a mistake, said at start-up.
 */
class TaskQueueConfigTest {
  @Test
  void anEmptySectionIsNoQueue() {
    assertSame(TaskQueue.LOCAL, TaskQueue.fromConfig(Config.of(Map.of("scaffolder", Map.of("cloudTasks", Map.of())))));
    assertSame(TaskQueue.LOCAL, TaskQueue.fromConfig(Config.of(Map.of())));
  }

  @Test
  void aSectionWithoutItsQueueIsRefused() {
    ConfigException refused = assertThrows(ConfigException.class, () -> TaskQueue.fromConfig(Config.of(Map.of("scaffolder",
        Map.of("cloudTasks", Map.of("workerUrl", "https://backlot-scaffolder-1.europe-west1.run.app/api/scaffolder"))))));
    assertTrue(refused.getMessage().contains("queue"), refused.getMessage());
  }

  @Test
  void terraformsVariablesMakeACloudTasksQueue() {
    assertInstanceOf(CloudTasksQueue.class, TaskQueue.fromConfig(Config.of(Map.of("scaffolder", Map.of("cloudTasks", Map.of(
        "queue", "projects/p/locations/europe-west1/queues/backlot-scaffolder-tasks",
        "workerUrl", "https://backlot-scaffolder-1.europe-west1.run.app/api/scaffolder",
        "serviceAccountEmail", "backlot-scheduler@p.iam.gserviceaccount.com",
        "audience", "https://backlot-scaffolder-1.europe-west1.run.app"))))));
  }
}
