package dev.backlot.scaffolder.run;

import dev.backlot.catalog.client.CatalogClient;
import dev.backlot.integration.github.GitHubCredentials;
import dev.backlot.platform.auth.ServiceTokens;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.db.Database;
import dev.backlot.platform.discovery.Discovery;
import dev.backlot.scaffolder.actions.Action;
import dev.backlot.scaffolder.actions.ActionContext;
import dev.backlot.scaffolder.actions.Actions;
import dev.backlot.scaffolder.permissions.TemplateAuthorization;
import dev.backlot.scaffolder.storage.TaskStore;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * One worker invocation as the scheduler's call runs it, on the database at {@code args[0]}, with
 * {@code test:wait} besides the built-in actions; KilledWorkerTest runs it in a JVM of its own and
 * kills it mid-task.
 */
public final class WorkerProcess {
  private WorkerProcess() {}

  /**
   * {@code test:wait}: writes the file {@code started}, then waits until the file {@code release}
   * exists (at most 60 s): a step that is still running when its worker is killed.
   */
  static final class Wait implements Action {
    @Override
    public String id() {
      return "test:wait";
    }

    @Override
    public String description() {
      return "Waits for a file (tests)";
    }

    @Override
    public ObjectNode inputSchema() {
      return JsonNodeFactory.instance.objectNode().put("type", "object");
    }

    @Override
    public ObjectNode outputSchema() {
      return JsonNodeFactory.instance.objectNode().put("type", "object");
    }

    @Override
    public boolean supportsDryRun() {
      return false;
    }

    @Override
    public void run(ActionContext context) throws Exception {
      Files.writeString(Path.of(context.string("started", "")), "started");
      Path release = Path.of(context.string("release", ""));
      for (int i = 0; i < 1200 && !Files.exists(release); i++) {
        Thread.sleep(50);
      }
      context.output("waited", "yes");
    }
  }

  /** The worker of {@code database} on {@code clock}, with {@code test:wait}. */
  public static TaskWorker worker(Database database, Clock clock) {
    CatalogClient nowhere = CatalogClient.create(Discovery.fromConfig(Config.of(java.util.Map.of("backend", java.util.Map.of("baseUrl", "http://127.0.0.1:9")))),
        ServiceTokens.fromConfig(Config.empty(), "scaffolder"));
    Actions actions = Actions.builtIn(nowhere, GitHubCredentials.fromConfig(Config.empty()), Discovery.fromConfig(Config.empty()),
        ServiceTokens.fromConfig(Config.empty(), "scaffolder"), List.of(new Wait()));
    TaskStore store = new TaskStore(database, clock);
    return new TaskWorker(store, new TemplateRunner(actions), GitHubCredentials.fromConfig(Config.empty()), clock, TaskWorker.LEASE_MILLIS,
        new TemplateAuthorization(Optional.empty()));
  }

  public static void main(String[] args) throws Exception {
    try (Database database = Database.connect(args[0])) {
      System.out.println("ran " + worker(database, Clock.systemUTC()).work());
    }
  }
}
