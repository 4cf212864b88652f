package dev.backlot.scaffolder.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlot.platform.db.Database;
import dev.backlot.platform.http.Json;
import dev.backlot.scaffolder.TestScaffolderPlugin;
import dev.backlot.testing.DatabaseTest;
import dev.backlot.testing.MovableClock;
import dev.backlot.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Claims and leases on SQLite and PostgreSQL: each task to one worker, and a lost lease writes nothing. */
class TaskStoreTest {
  @DatabaseTest
  void workersClaimingAtOnceEachGetDifferentTasks(TestDatabase db) throws Exception {
    try (Database database = TestScaffolderPlugin.empty(Database.connect(db.jdbcUrl()))) {
      TaskStore store = new TaskStore(database, Clock.systemUTC());
      for (int i = 0; i < 30; i++) {
        store.create("task-" + i, Json.object(), null, "user:default/alice");
      }
      Set<String> claimed = ConcurrentHashMap.newKeySet();
      List<String> duplicates = new ArrayList<>();
      ExecutorService workers = Executors.newFixedThreadPool(4);
      List<Future<?>> running = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        String owner = "worker-" + w;
        running.add(workers.submit(() -> {
          while (true) {
            var task = store.claim(owner, 60_000);
            if (task.isEmpty()) {
              return null;
            }
            if (!claimed.add(task.get().id())) {
              synchronized (duplicates) {
                duplicates.add(task.get().id());
              }
            }
          }
        }));
      }
      for (Future<?> future : running) {
        future.get();
      }
      workers.shutdown();
      assertEquals(List.of(), duplicates, "no task was claimed twice");
      assertEquals(30, claimed.size());
    }
  }

  @DatabaseTest
  void aWorkerWhoseLeaseWasTakenOverCannotCheckpointOrFinish(TestDatabase db) throws Exception {
    try (Database database = TestScaffolderPlugin.empty(Database.connect(db.jdbcUrl()))) {
      MovableClock clock = new MovableClock(java.time.Instant.parse("2026-12-07T21:00:00Z"));
      TaskStore store = new TaskStore(database, clock);
      store.create("task", Json.object(), Json.object().put("token", "t"), "user:default/alice");
      ClaimedTask first = store.claim("first", 1_000).orElseThrow();
      assertFalse(first.recovered());
      assertTrue(store.claim("second", 1_000).isEmpty(), "the lease holds");
      clock.advance(Duration.ofSeconds(2));
      ClaimedTask second = store.claim("second", 1_000).orElseThrow();
      assertTrue(second.recovered());
      assertEquals("t", second.secrets().path("token").asText());
      assertFalse(store.checkpoint("task", "first", Json.object(), null, 1_000));
      assertFalse(store.finish("task", "first", TaskStore.COMPLETED, null));
      assertTrue(store.checkpoint("task", "second", Json.object(), null, 1_000));
      assertTrue(store.finish("task", "second", TaskStore.COMPLETED, Json.object()));
      assertEquals(TaskStore.COMPLETED, store.get("task").orElseThrow().status());
    }
  }
}
