package dev.backlot.scaffolder.bench;

import dev.backlot.catalog.client.CatalogClient;
import dev.backlot.integration.github.GitHubCredentials;
import dev.backlot.platform.auth.ServiceTokens;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.db.Database;
import dev.backlot.platform.discovery.Discovery;
import dev.backlot.platform.http.Json;
import dev.backlot.scaffolder.TestScaffolderPlugin;
import dev.backlot.scaffolder.actions.Actions;
import dev.backlot.scaffolder.run.TaskSpecs;
import dev.backlot.scaffolder.run.TaskWorker;
import dev.backlot.scaffolder.run.TemplateRunner;
import dev.backlot.scaffolder.storage.TaskStore;
import dev.backlot.scaffolder.template.Template;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Worker throughput: tasks per minute one worker invocation runs on its database, for a template
 * of three steps (a log line with a secret, a catalog file written, a second log line) with their
 * events and checkpoints. {@code java -cp <test classpath> dev.backlot.scaffolder.bench.WorkerBenchmark
 * [tasks] [jdbc-url]} (a fresh SQLite file by default; a PostgreSQL URL must name a database of its
 * own: the scaffolder's tables are created there and emptied first).
 * Publishing and registering are not included: they wait on GitHub and the catalog.
 */
public final class WorkerBenchmark {
  private WorkerBenchmark() {}

  public static void main(String[] args) throws Exception {
    int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    String url = args.length > 1 ? args[1] : "jdbc:sqlite:" + Files.createTempDirectory("scaffolder-bench").resolve("scaffolder.sqlite");
    try (Database database = TestScaffolderPlugin.empty(Database.connect(url))) {
      TaskStore store = new TaskStore(database, Clock.systemUTC());
      Template template = Template.from(Json.MAPPER.readTree("""
          {"apiVersion": "scaffolder.backstage.io/v1beta3", "kind": "Template", "metadata": {"name": "bench"},
           "spec": {"steps": [
             {"id": "hello", "action": "debug:log", "input": {"message": "Hello ${{ parameters.name }} with ${{ secrets.token }}"}},
             {"id": "write", "action": "catalog:write", "input": {"entity": {"kind": "Component", "metadata": {"name": "${{ parameters.name }}"}}}},
             {"id": "bye", "action": "debug:log", "input": {"message": "Wrote ${{ parameters.name }}", "listWorkspace": true}}],
           "output": {"text": [{"title": "Done", "content": "${{ parameters.name }}"}]}}}"""));
      CatalogClient nowhere = CatalogClient.create(Discovery.fromConfig(Config.of(Map.of("backend", Map.of("baseUrl", "http://127.0.0.1:9")))),
          ServiceTokens.fromConfig(Config.empty(), "scaffolder"));
      TemplateRunner runner = new TemplateRunner(Actions.builtIn(nowhere, GitHubCredentials.fromConfig(Config.empty()), dev.backlot.platform.discovery.Discovery.fromConfig(Config.empty()),
        dev.backlot.platform.auth.ServiceTokens.fromConfig(Config.empty(), "scaffolder"), List.of()));
      for (int i = 0; i < tasks; i++) {
        store.create("bench-" + i, TaskSpecs.of(template, Json.object().put("name", "service-" + i), Json.object().put("ref", "user:default/bench")),
            Json.object().put("token", "secret-" + i), "user:default/bench");
      }
      TaskWorker worker = new TaskWorker(store, runner, GitHubCredentials.fromConfig(Config.empty()), Clock.systemUTC(), TaskWorker.LEASE_MILLIS,
          new dev.backlot.scaffolder.permissions.TemplateAuthorization(java.util.Optional.empty()));
      long start = System.nanoTime();
      int ran = 0;
      while (ran < tasks) {
        int now = worker.work();
        if (now == 0) {
          break;
        }
        ran += now;
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      long completed = store.count(null, TaskStore.COMPLETED);
      System.out.printf("%d tasks (%d completed) in %.2f s on %s: %.0f tasks per minute per worker%n", ran, completed, seconds,
          database.dialect(), ran / seconds * 60);
    }
  }
}
