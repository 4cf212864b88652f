package dev.backlot.platform.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Evaluates the module that reads the manifests (modules/service-config, which needs no provider)
 * with the real terraform binary, offline: a scratch root calls it against a scratch repository
 * holding the given functions directory, with stand-ins for the addresses and identities
 * modules/platform gives it, and `terraform apply` yields every output, the gateway's OpenAPI
 * document among them.
 */
final class TerraformProbe {
  static final String PROJECT_NUMBER = "123456789";
  static final String REGION = "europe-west1";

  /** The Cloud Run uri the probe gives each plugin: the non-deterministic form, as Cloud Run reports it. */
  static String serviceUrl(String id) {
    return "https://backlot-" + id + "-probe-ew.a.run.app";
  }

  /** The audience a plugin accepts: its deterministic run.app URL. */
  static String audience(String id) {
    return "https://backlot-" + id + "-" + PROJECT_NUMBER + "." + REGION + ".run.app";
  }

  static Optional<Path> terraform() {
    return dev.backlot.testing.Executables.onPath("terraform");
  }

  /** The module's outputs by name, and the OpenAPI document among them. */
  record Result(Map<String, JsonNode> locals, String openapi) {}

  static Result evaluate(Path terraform, DeploymentChecks.Module module, Path functionsDir, Path work)
      throws IOException, InterruptedException {
    return evaluate(terraform, module, functionsDir, work, "");
  }

  /** The same, with {@code extraArguments} (HCL assignments) added to the module call. */
  static Result evaluate(Path terraform, DeploymentChecks.Module module, Path functionsDir, Path work, String extraArguments)
      throws IOException, InterruptedException {
    Path repo = Files.createDirectories(work.resolve("repo"));
    Files.writeString(repo.resolve("pom.xml"), "<project/>\n");
    Path functions = Files.createDirectories(repo.resolve("functions"));
    if (Files.isDirectory(functionsDir)) {
      try (Stream<Path> dirs = Files.list(functionsDir)) {
        for (Path dir : dirs.filter(Files::isDirectory).toList()) {
          Path manifest = dir.resolve(PluginManifests.FILE_NAME);
          if (Files.isRegularFile(manifest)) {
            Path target = Files.createDirectories(functions.resolve(dir.getFileName().toString()));
            Files.copy(manifest, target.resolve(PluginManifests.FILE_NAME));
          }
        }
      }
    }

    Path probe = Files.createDirectories(work.resolve("probe"));
    String source = probe.toAbsolutePath().relativize(module.dir.toAbsolutePath()).toString().replace('\\', '/');
    Files.writeString(probe.resolve("main.tf"), """
        module "config" {
          source = "%s"

          repo_root               = "%s"
          env                     = "dev"
          config_profile          = "production"
          project_id              = "backlot-probe"
          project_number          = "%s"
          region                  = "%s"
          gateway_url             = "https://backlot-dev-probe.ew.gateway.dev"
          okta_issuer             = "https://probe.invalid/oauth2/default"
          okta_client_id          = "probe"
          shell_public            = true
          request_timeout_seconds = 60
          identities = {
            scheduler = "backlot-scheduler@backlot-probe.iam.gserviceaccount.com"
            shell     = "backlot-shell@backlot-probe.iam.gserviceaccount.com"
            gateway   = "backlot-gateway@backlot-probe.iam.gserviceaccount.com"
            deploy    = "backlot-deployer@backlot-probe.iam.gserviceaccount.com"
          }
          plugin_service_accounts = { for id, account in module.config.service_account_ids : id => "${account}@backlot-probe.iam.gserviceaccount.com" }
          plugin_service_urls     = { for id in keys(module.config.plugins) : id => "%s" }
          cloudsql_instance       = "backlot-probe:%s:backlot-dev"
          docs_bucket             = "backlot-probe-backlot-docs"
          %s
        }

        output "config" {
          value = module.config
        }
        """.formatted(source, repo.toAbsolutePath().toString().replace('\\', '/'), PROJECT_NUMBER, REGION, serviceUrl("${id}"), REGION, extraArguments));

    run(probe, List.of(terraform.toString(), "init", "-input=false", "-no-color"));
    run(probe, List.of(terraform.toString(), "apply", "-auto-approve", "-input=false", "-no-color"));
    JsonNode outputs = DeploymentChecks.JSON.readTree(run(probe, List.of(terraform.toString(), "output", "-json", "-no-color")))
        .path("config").path("value");
    Map<String, JsonNode> values = new LinkedHashMap<>();
    outputs.properties().forEach(e -> values.put(e.getKey(), e.getValue()));
    return new Result(values, outputs.path("openapi").asText(null));
  }

  static String run(Path dir, List<String> command) throws IOException, InterruptedException {
    Path log = Files.createTempFile(dir.getParent(), "terraform", ".log");
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(false)
        .redirectError(log.toFile());
    pb.environment().put("TF_IN_AUTOMATION", "1");
    pb.environment().put("CHECKPOINT_DISABLE", "1");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(String.join(" ", command) + " timed out");
    }
    if (p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed in " + dir + ":\n" + out + "\n" + Files.readString(log));
    }
    return out;
  }

  static Set<String> keys(JsonNode node) {
    Set<String> keys = new java.util.TreeSet<>();
    node.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  private TerraformProbe() {}
}
