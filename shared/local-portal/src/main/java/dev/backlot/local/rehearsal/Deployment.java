package dev.backlot.local.rehearsal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlot.platform.http.Json;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What Terraform gives the services, read from the real configuration: {@code terraform/rehearsal}
 * calls modules/service-config (the module modules/platform deploys from) with the rehearsal's
 * stand-ins, and {@code terraform init}, {@code apply} and {@code output -json} evaluate it offline
 * (no provider, no resource; state and module cache stay in the run's folder).
 */
final class Deployment {
  /** A Cloud Run service: its name, the plugin it runs (null for the shell), its URLs and its invokers. */
  record Service(String name, String plugin, List<String> urls, List<String> invokers) {}

  /** A Cloud Scheduler job: a POST to {@code uri} with an OIDC token of the scheduler for {@code audience}. */
  record SchedulerJob(String plugin, String path, String uri, String audience) {}

  /** A Cloud Storage volume of the shell: the bucket, where the container sees it, and whether read-only. */
  record Volume(String bucket, String mountPath, boolean readOnly) {}

  private final JsonNode outputs;

  private Deployment(JsonNode outputs) {
    this.outputs = outputs;
  }

  /** Applies terraform/rehearsal with {@code variables}, working in {@code dir}. */
  static Deployment evaluate(Path root, Path dir, Map<String, Object> variables) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Path varFile = dir.resolve("rehearsal.tfvars.json");
    Files.writeString(varFile, Json.MAPPER.writeValueAsString(variables));
    Path config = root.resolve("terraform/rehearsal");
    String state = "-state=" + dir.resolve("terraform.tfstate");
    terraform(config, dir, List.of("init", "-input=false", "-no-color"));
    terraform(config, dir, List.of("apply", "-auto-approve", "-input=false", "-no-color", state, "-var-file=" + varFile));
    return new Deployment(Json.MAPPER.readTree(terraform(config, dir, List.of("output", "-json", "-no-color", state))));
  }

  private static String terraform(Path config, Path dir, List<String> arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(executable(), "-chdir=" + config));
    command.addAll(arguments);
    Path log = dir.resolve("terraform.log");
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().put("TF_DATA_DIR", dir.resolve(".terraform").toString());
    builder.environment().put("TF_IN_AUTOMATION", "1");
    builder.environment().put("CHECKPOINT_DISABLE", "1");
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes());
    if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IllegalStateException("terraform " + arguments.get(0) + " of terraform/rehearsal failed:\n" + out + "\n" + Files.readString(log));
    }
    return out;
  }

  private static String executable() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, "terraform");
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    throw new IllegalStateException("terraform is not on PATH: the rehearsal evaluates terraform/rehearsal with it (Terraform 1.6 or newer)");
  }

  private JsonNode value(String output) {
    JsonNode node = outputs.path(output).path("value");
    if (node.isMissingNode()) {
      throw new IllegalStateException("terraform/rehearsal has no output " + output);
    }
    return node;
  }

  String projectId() {
    return value("project").path("id").asText();
  }

  String projectNumber() {
    return value("project").path("number").asText();
  }

  String region() {
    return value("project").path("region").asText();
  }

  /** The email of one of the platform's callers: scheduler, shell, gateway or deploy. */
  String identity(String name) {
    return value("identities").path(name).asText();
  }

  /** Each plugin's service account email, by plugin id. */
  Map<String, String> pluginAccounts() {
    return strings(value("identities").path("plugins"));
  }

  /** The plugin ids, in order. */
  List<String> plugins() {
    List<String> ids = new ArrayList<>();
    value("plugins").fieldNames().forEachRemaining(ids::add);
    return ids;
  }

  /** A plugin's manifest with defaults applied. */
  JsonNode manifest(String plugin) {
    return value("plugins").path(plugin);
  }

  Map<String, String> pluginEnvironment(String plugin) {
    return strings(value("plugin_env").path(plugin));
  }

  /** A plugin's variables Cloud Run fills from Secret Manager: name => secret id. */
  Map<String, String> pluginSecretEnvironment(String plugin) {
    return strings(value("plugin_secret_env").path(plugin));
  }

  Map<String, String> shellEnvironment() {
    return strings(value("shell_env"));
  }

  /** The shell's Cloud Storage volumes, by name. */
  Map<String, Volume> shellVolumes() {
    Map<String, Volume> volumes = new LinkedHashMap<>();
    value("shell_volumes").properties().forEach(e -> volumes.put(e.getKey(), new Volume(e.getValue().path("bucket").asText(),
        e.getValue().path("mount_path").asText(), e.getValue().path("read_only").asBoolean())));
    return volumes;
  }

  /** The shell's variables Cloud Run fills from Secret Manager: name => secret id. */
  Map<String, String> shellSecretEnvironment() {
    return strings(value("shell_secret_env"));
  }

  List<Service> services() {
    List<Service> services = new ArrayList<>();
    value("services").properties().forEach(e -> services.add(new Service(e.getKey(),
        e.getValue().path("plugin").isNull() ? null : e.getValue().path("plugin").asText(),
        texts(e.getValue().path("urls")), texts(e.getValue().path("invokers")))));
    return services;
  }

  java.time.Duration requestTimeout() {
    return java.time.Duration.ofSeconds(value("request_timeout_seconds").asLong());
  }

  String gatewayUrl() {
    return value("gateway_url").asText();
  }

  String publicBaseUrl() {
    return value("public_base_url").asText();
  }

  String openapi() {
    return value("openapi").asText();
  }

  /** Who may read each secret: secret id => emails. */
  Map<String, List<String>> secretAccessors() {
    Map<String, List<String>> accessors = new LinkedHashMap<>();
    value("secret_accessors").properties().forEach(e -> accessors.put(e.getKey(), texts(e.getValue())));
    return accessors;
  }

  /** The job of the schedule {@code path} of {@code plugin}. */
  SchedulerJob schedulerJob(String plugin, String path) {
    for (JsonNode job : value("scheduler_jobs")) {
      if (job.path("plugin").asText().equals(plugin) && job.path("path").asText().endsWith(path)) {
        return new SchedulerJob(plugin, job.path("path").asText(), job.path("uri").asText(), job.path("audience").asText());
      }
    }
    throw new IllegalStateException("Terraform has no scheduler job for " + plugin + " " + path);
  }

  /** Terraform's Cloud Tasks queues, by full name: who may create their tasks and which account those may name. */
  Map<String, CloudTasksStandIn.Queue> taskQueues() {
    Map<String, CloudTasksStandIn.Queue> queues = new LinkedHashMap<>();
    value("task_queues").forEach(q -> queues.put(q.path("queue").asText(),
        new CloudTasksStandIn.Queue(q.path("queue").asText(), q.path("enqueuer").asText(), q.path("service_account").asText())));
    return queues;
  }

  private static Map<String, String> strings(JsonNode object) {
    Map<String, String> values = new LinkedHashMap<>();
    object.properties().forEach(e -> values.put(e.getKey(), e.getValue().asText()));
    return values;
  }

  private static List<String> texts(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }
}
