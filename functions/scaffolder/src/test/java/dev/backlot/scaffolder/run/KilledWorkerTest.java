package dev.backlot.scaffolder.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlot.platform.db.Database;
import dev.backlot.platform.http.Json;
import dev.backlot.scaffolder.TestScaffolderPlugin;
import dev.backlot.scaffolder.storage.TaskEvent;
import dev.backlot.scaffolder.storage.TaskStore;
import dev.backlot.scaffolder.template.Template;
import dev.backlot.testing.DatabaseTest;
import dev.backlot.testing.MovableClock;
import dev.backlot.testing.Poll;
import dev.backlot.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * A worker in a JVM of its own, killed ({@code destroyForcibly}) while the second of three steps
 * runs; once its lease has run out (a MovableClock moved past it, no sleeping) another worker
 * claims the task, records Backstage's {@code recovered} event, restores the workspace checkpointed
 * after the first step, and finishes from the second step: the first is not run again.
 */
class KilledWorkerTest {
  @DatabaseTest
  void anotherWorkerFinishesATaskWhoseWorkerWasKilledAfterTheLastCheckpoint(TestDatabase db) throws Exception {
    Path dir = Files.createTempDirectory("killed-worker");
    Path started = dir.resolve("started");
    Path release = dir.resolve("release");
    try (Database database = TestScaffolderPlugin.empty(Database.connect(db.jdbcUrl()))) {
      Template template = Template.from(Json.MAPPER.readTree("""
          {"apiVersion": "scaffolder.backstage.io/v1beta3", "kind": "Template", "metadata": {"name": "slow"},
           "spec": {"steps": [
             {"id": "write", "name": "Write", "action": "catalog:write", "input": {"filePath": "written-by-step-one.yaml", "entity": {"metadata": {"name": "x"}}}},
             {"id": "wait", "name": "Wait", "action": "test:wait", "input": {"started": "%s", "release": "%s"}},
             {"id": "list", "name": "List", "action": "debug:log", "input": {"listWorkspace": "with-filenames"}}],
           "output": {"waited": "${{ steps.wait.output.waited }}"}}}""".formatted(started, release)));
      new TaskStore(database, Clock.systemUTC()).create("slow-task", TaskSpecs.of(template, Json.object(), Json.object().put("ref", "user:default/alice")),
          null, "user:default/alice");

      // Its own temporary folder: a killed JVM cannot delete its workspace (a dead Cloud Run instance's memory disk goes with it).
      Path tmp = Files.createDirectories(dir.resolve("tmp"));
      Process worker = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Djava.io.tmpdir=" + tmp,
          "-cp", System.getProperty("java.class.path"), WorkerProcess.class.getName(), db.jdbcUrl())
          .redirectErrorStream(true).redirectOutput(dir.resolve("worker.log").toFile()).start();
      try {
        Poll.until(Duration.ofSeconds(60), () -> Files.exists(started),
            () -> "the worker process never reached the second step: " + log(dir));
      } finally {
        worker.destroyForcibly().waitFor();
      }
      try (var left = Files.walk(tmp)) {
        left.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
      Files.writeString(release, "go");

      MovableClock clock = new MovableClock(java.time.Instant.now());
      TaskWorker survivor = WorkerProcess.worker(database, clock);
      assertEquals(0, survivor.work(), "the killed worker's lease still holds");
      clock.advance(Duration.ofMillis(TaskWorker.LEASE_MILLIS + 1_000));
      assertEquals(1, survivor.work());

      TaskStore store = new TaskStore(database, clock);
      JsonNode task = Json.MAPPER.valueToTree(store.get("slow-task").orElseThrow());
      List<TaskEvent> events = store.events("slow-task", 0, 1_000);
      String all = events.stream().map(e -> e.type() + " " + e.body()).reduce("", (a, b) -> a + "\n" + b);
      assertEquals("completed", task.path("status").asText(), all);
      assertEquals("yes", task.at("/output/waited").asText());
      assertTrue(events.stream().anyMatch(e -> e.type().equals("recovered")
          && e.body().path("message").asText().contains("resumes after the 1 step it had finished")), all);
      assertEquals(1, events.stream().filter(e -> e.body().path("message").asText().equals("Beginning step Write")).count(),
          "the checkpointed step is not run again: " + all);
      assertEquals(2, events.stream().filter(e -> e.body().path("message").asText().equals("Beginning step Wait")).count(), all);
      assertTrue(events.stream().anyMatch(e -> "list".equals(e.body().path("stepId").asText())
          && e.body().path("message").asText().contains("written-by-step-one.yaml")), "the workspace was restored: " + all);
    }
  }

  private static String log(Path dir) {
    try {
      return Files.readString(dir.resolve("worker.log"));
    } catch (java.io.IOException e) {
      return "(no log)";
    }
  }
}
