package dev.backlot.platform.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cloud Tasks fan-out in the deployment: a plugin whose manifest lists the setting
 * {@code <id>.cloudTasks} gets a queue, its environment names it (and the production layer maps
 * that environment onto the setting), its tasks' account may invoke it; modules/platform creates
 * the queue with rate and retry limits from declared variables and makes the two grants Cloud
 * Tasks checks. The real terraform evaluates modules/service-config; platform's HCL is read.
 */
class TaskQueuesTest {
  private static final Path ROOT = RepoRoot.find();
  private static final String SCHEDULER = "backlot-scheduler@backlot-probe.iam.gserviceaccount.com";

  private static TerraformProbe.Result evaluate(Path work, Path functions) throws Exception {
    Optional<Path> terraform = TerraformProbe.terraform();
    assumeTrue(terraform.isPresent(), "terraform is not on PATH: the task queues were not evaluated");
    DeploymentChecks.Module module = new DeploymentChecks(ROOT).manifestModule(new ArrayList<>());
    return TerraformProbe.evaluate(terraform.get(), module, functions, work.resolve("probe-root"));
  }

  @Test
  void aPluginListingItsCloudTasksSettingGetsAQueueItsEnvironmentNamesAndItsTasksMayInvokeIt(@TempDir Path work) throws Exception {
    Path functions = Files.createDirectories(work.resolve("functions-src"));
    Files.createDirectories(functions.resolve("jobs"));
    Files.writeString(functions.resolve("jobs/plugin.yaml"), "id: jobs\nentryPoint: x.Jobs\nsettings:\n  - jobs.cloudTasks\n");
    Files.createDirectories(functions.resolve("plain"));
    // Another plugin's setting does not give this one a queue.
    Files.writeString(functions.resolve("plain/plugin.yaml"), "id: plain\nentryPoint: x.Plain\nsettings:\n  - jobs.cloudTasks\n");
    Map<String, JsonNode> outputs = evaluate(work, functions).locals();

    JsonNode queues = outputs.get("task_queues");
    assertEquals(List.of("jobs"), List.copyOf(TerraformProbe.keys(queues)));
    JsonNode queue = queues.path("jobs");
    assertEquals("backlot-jobs-tasks", queue.path("name").asText());
    assertEquals("projects/backlot-probe/locations/europe-west1/queues/backlot-jobs-tasks", queue.path("queue").asText());
    assertEquals(TerraformProbe.audience("jobs") + "/api/jobs", queue.path("worker_url").asText());
    assertEquals(TerraformProbe.audience("jobs"), queue.path("audience").asText());
    assertEquals(SCHEDULER, queue.path("service_account").asText());
    assertEquals("backlot-jobs@backlot-probe.iam.gserviceaccount.com", queue.path("enqueuer").asText());

    JsonNode env = outputs.get("plugin_env").path("jobs");
    assertEquals(queue.path("queue").asText(), env.path("BACKLOT_TASKS_QUEUE").asText());
    assertEquals(queue.path("worker_url").asText(), env.path("BACKLOT_TASKS_WORKER_URL").asText());
    assertEquals(SCHEDULER, env.path("BACKLOT_TASKS_SERVICE_ACCOUNT").asText());
    assertEquals(queue.path("audience").asText(), env.path("BACKLOT_TASKS_AUDIENCE").asText());
    assertFalse(outputs.get("plugin_env").path("plain").has("BACKLOT_TASKS_QUEUE"), "a plugin without a queue has no BACKLOT_TASKS_*");

    assertTrue(outputs.get("plugin_invokers").path("jobs").toString().contains("serviceAccount:" + SCHEDULER),
        "Cloud Run lets the tasks' account call the worker route: " + outputs.get("plugin_invokers").path("jobs"));
    assertFalse(outputs.get("plugin_invokers").path("plain").toString().contains(SCHEDULER),
        "the scheduler reaches other plugins through the gateway only: " + outputs.get("plugin_invokers").path("plain"));
  }

  /** The scaffolder's manifest gives it a queue, and app-config.production.yaml turns Terraform's environment into its setting. */
  @Test
  void theScaffoldersEnvironmentBecomesItsCloudTasksSetting(@TempDir Path work) throws Exception {
    Map<String, JsonNode> outputs = evaluate(work, ROOT.resolve("functions")).locals();
    assertEquals(List.of("scaffolder"), List.copyOf(TerraformProbe.keys(outputs.get("task_queues"))));
    JsonNode queue = outputs.get("task_queues").path("scaffolder");
    Map<String, String> env = new HashMap<>();
    outputs.get("plugin_env").path("scaffolder").properties().forEach(e -> env.put(e.getKey(), e.getValue().asText()));

    Config config = ConfigLoader.fromEnvironment().directory(ROOT).env("production").environment(env::get)
        .onlySecrets(List.of()).load();
    assertEquals(queue.path("queue").asText(), config.getString("scaffolder.cloudTasks.queue"));
    assertEquals(queue.path("worker_url").asText(), config.getString("scaffolder.cloudTasks.workerUrl"));
    assertEquals(queue.path("service_account").asText(), config.getString("scaffolder.cloudTasks.serviceAccountEmail"));
    assertEquals(queue.path("audience").asText(), config.getString("scaffolder.cloudTasks.audience"));

    // Elsewhere (another plugin's environment) the section is empty: no queue.
    Map<String, String> catalogEnv = new HashMap<>();
    outputs.get("plugin_env").path("catalog").properties().forEach(e -> catalogEnv.put(e.getKey(), e.getValue().asText()));
    Config catalog = ConfigLoader.fromEnvironment().directory(ROOT).env("production").environment(catalogEnv::get)
        .onlySecrets(List.of()).load();
    assertFalse(catalog.has("scaffolder.cloudTasks.queue"));
  }

  @Test
  void thePlatformCreatesEachQueueWithDeclaredLimitsAndTheGrantsCloudTasksChecks() {
    Map<String, Hcl.Block> resources = new LinkedHashMap<>();
    Map<String, Hcl.Block> variables = new HashMap<>();
    Map<String, String> locals = new HashMap<>();
    for (Hcl.Source source : new DeploymentChecks(ROOT).hclSources()) {
      if (!source.name.contains("modules/platform/")) {
        continue;
      }
      for (Hcl.Block block : source.blocks()) {
        switch (block.type()) {
          case "resource" -> resources.put(block.label(0) + "." + block.label(1), block);
          case "variable" -> variables.put(block.label(0), block);
          case "locals" -> block.body().attributes().forEach(a -> locals.put(a.name(), a.text().strip()));
          default -> { }
        }
      }
    }
    assertEquals("module.config.task_queues", locals.get("task_queues"));

    Hcl.Block queue = resources.get("google_cloud_tasks_queue.plugin");
    assertNotNull(queue, "modules/platform has no google_cloud_tasks_queue.plugin");
    assertEquals("local.task_queues", queue.body().attribute("for_each").text().strip());
    assertEquals("each.value.name", queue.body().attribute("name").text().strip());
    List<String> limits = new ArrayList<>();
    for (String block : List.of("rate_limits", "retry_config")) {
      Hcl.Block nested = queue.body().blocks().stream().filter(b -> b.type().equals(block)).findFirst().orElse(null);
      assertNotNull(nested, "the queue has no " + block);
      nested.body().attributes().forEach(a -> limits.add(block + "." + a.name() + " = " + a.text().strip()));
    }
    for (String limit : limits) {
      if (limit.endsWith("max_doublings = 4")) {
        continue;
      }
      String variable = limit.replaceAll(".*var\\.([a-z0-9_]+).*", "$1");
      assertTrue(limit.contains("var.") && variables.containsKey(variable), "a queue limit is not a declared variable: " + limit);
      Hcl.Block declared = variables.get(variable);
      assertNotNull(declared.body().attribute("default"), variable + " has no default");
      assertNotNull(declared.body().attribute("description"), variable + " is not documented");
    }

    Hcl.Block enqueuer = resources.get("google_cloud_tasks_queue_iam_member.plugin_enqueuer");
    assertNotNull(enqueuer, "no enqueuer grant on the queue");
    assertEquals("\"roles/cloudtasks.enqueuer\"", enqueuer.body().attribute("role").text().strip());
    assertTrue(enqueuer.body().attribute("name").text().contains("google_cloud_tasks_queue.plugin[each.key]"));
    assertTrue(enqueuer.body().attribute("member").text().contains("google_service_account.plugin[each.key].email"));

    Hcl.Block actAs = resources.get("google_service_account_iam_member.plugin_tasks_act_as");
    assertNotNull(actAs, "no actAs grant on the account the tasks' tokens name");
    assertEquals("\"roles/iam.serviceAccountUser\"", actAs.body().attribute("role").text().strip());
    assertEquals("google_service_account.scheduler.name", actAs.body().attribute("service_account_id").text().strip());
    assertTrue(actAs.body().attribute("member").text().contains("google_service_account.plugin[each.key].email"));
  }
}
