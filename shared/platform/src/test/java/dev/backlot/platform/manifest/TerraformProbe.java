package dev.backlot.platform.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlot.platform.manifest.Hcl.Block;
import dev.backlot.platform.manifest.Hcl.Source;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Evaluates the platform module's manifest handling with the real terraform binary, offline: the
 * module's provider-free files (its variables and the locals that read functions/*&#47;plugin.yaml)
 * are copied into a scratch root together with its templates, and applied against a scratch
 * repository holding the given functions directory. The result is every such local, and the
 * gateway's OpenAPI document rendered by the module's own templatefile() call, with the Cloud Run
 * service URLs replaced by stand-ins.
 */
final class TerraformProbe {
  /** Values for the module's required variables; none of them influences the manifests. */
  private static final Map<String, String> REQUIRED_VARIABLES =
      Map.of(
          "project_id", "backlot-probe",
          "region", "europe-west1",
          "env", "dev",
          "github_owner", "probe",
          "github_repo", "probe",
          "okta_issuer", "https://probe.invalid/oauth2/default",
          "okta_client_id", "probe");

  static String serviceUrl(String id) {
    return "https://backlot-" + id + "-probe-ew.a.run.app";
  }

  static Optional<Path> terraform() {
    return dev.backlot.testing.Executables.onPath("terraform");
  }

  record Result(Map<String, JsonNode> locals, String openapi) {}

  static Result evaluate(Path terraform, DeploymentChecks.Module module, Path functionsDir, Path work)
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
    List<String> localNames = new ArrayList<>();
    Map<String, Boolean> requiredVariables = new LinkedHashMap<>();
    String templatefile = null;
    for (Source s : module.files) {
      List<Block> blocks = s.blocks();
      boolean providerFree = blocks.stream().allMatch(b -> b.type().equals("locals") || b.type().equals("variable"));
      for (Block b : blocks) {
        if (providerFree && b.type().equals("locals")) {
          b.body().attributes().forEach(a -> localNames.add(a.name()));
        }
        if (b.type().equals("variable")) {
          requiredVariables.put(b.label(0), b.body().attribute("default") == null);
        }
      }
      if (providerFree) {
        Files.writeString(probe.resolve(Path.of(s.name).getFileName().toString()), s.text);
      }
      for (int i = 0; i < s.size(); i++) {
        if (s.get(i).isIdent("templatefile") && s.get(i + 1).isSymbol("(") && templatefile == null) {
          String call = s.text(i, s.partner[i + 1]);
          if (module.templates.keySet().stream().anyMatch(t -> call.contains(Path.of(t.name).getFileName().toString()))) {
            templatefile = call;
          }
        }
      }
    }
    Path templates = module.dir.resolve("templates");
    if (Files.isDirectory(templates)) {
      copyTree(templates, probe.resolve("templates"));
    }

    StringBuilder tf = new StringBuilder();
    tf.append("locals {\n  probe_services = { for id in keys(")
        .append(module.normalizedLocal)
        .append(") : id => { uri = \"")
        .append(serviceUrl("${id}"))
        .append("\" } }\n}\n");
    for (String name : localNames) {
      tf.append("output \"local_").append(name).append("\" {\n  value = local.").append(name).append("\n}\n");
    }
    if (templatefile != null) {
      String rendered = templatefile.replaceAll("google_cloud_run_v2_service\\.[a-z_]+", "local.probe_services");
      tf.append("output \"openapi\" {\n  value = ").append(rendered).append("\n}\n");
    }
    Files.writeString(probe.resolve("zz_probe.tf"), tf);

    List<String> apply = new ArrayList<>(List.of(terraform.toString(), "apply", "-auto-approve", "-input=false", "-no-color"));
    for (Map.Entry<String, Boolean> v : requiredVariables.entrySet()) {
      if (!v.getValue()) {
        continue;
      }
      String value = v.getKey().equals("repo_root") ? repo.toString() : REQUIRED_VARIABLES.get(v.getKey());
      if (value == null) {
        throw new IllegalStateException("variable " + v.getKey() + " has no default; give TerraformProbe a value for it");
      }
      apply.add("-var=" + v.getKey() + "=" + value);
    }
    run(probe, List.of(terraform.toString(), "init", "-input=false", "-no-color"));
    run(probe, apply);
    JsonNode outputs = DeploymentChecks.JSON.readTree(run(probe, List.of(terraform.toString(), "output", "-json", "-no-color")));
    Map<String, JsonNode> locals = new LinkedHashMap<>();
    for (String name : localNames) {
      locals.put(name, outputs.path("local_" + name).path("value"));
    }
    String openapi = outputs.has("openapi") ? outputs.get("openapi").get("value").asText() : null;
    return new Result(locals, openapi);
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
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
