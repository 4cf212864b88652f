package dev.backlot.local.rehearsal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pipeline's smoke test of a new revision, run as cloudbuild.yaml has it: the {@code smoke-test}
 * step's script is read from the file (never copied), its substitutions applied as Cloud Build
 * applies them, and bash runs it with the build's workspace, a {@code gcloud} that answers {@code
 * auth print-identity-token} from the build's metadata server (the deploy service account's, as on
 * Cloud Build), and curl, both behind the build's {@link EgressProxy}.
 */
final class CloudBuildSmokeTest {
  static final String STEP = "smoke-test";
  // Cloud Build's substitution syntax: $$ is a $, ${_NAME} and $_NAME are values.
  private static final Pattern SUBSTITUTION = Pattern.compile("\\$(\\$|\\{([A-Za-z_][A-Za-z0-9_]*)}|([A-Za-z_][A-Za-z0-9_]*))");

  /** What the run printed and how it ended. */
  record Outcome(int exitCode, String output) {}

  private final String script;

  private CloudBuildSmokeTest(String script) {
    this.script = script;
  }

  /** The step's script as cloudbuild.yaml has it, before substitution. */
  String script() {
    return script;
  }

  /** The {@code smoke-test} step of {@code cloudbuild.yaml}. */
  static CloudBuildSmokeTest from(Path cloudbuild) throws IOException {
    JsonNode build = new ObjectMapper(new YAMLFactory()).readTree(cloudbuild.toFile());
    for (JsonNode step : build.path("steps")) {
      if (step.path("id").asText().equals(STEP)) {
        JsonNode args = step.path("args");
        if (!step.path("entrypoint").asText().equals("bash") || args.size() != 2 || !args.get(0).asText().equals("-c")) {
          throw new IllegalStateException(cloudbuild + ": the " + STEP + " step is no longer `bash -c <script>`; teach the rehearsal to run it");
        }
        return new CloudBuildSmokeTest(args.get(1).asText());
      }
    }
    throw new IllegalStateException(cloudbuild + " has no step " + STEP);
  }

  /** The script with {@code substitutions} applied; a substitution it uses that has no value fails, as Cloud Build does. */
  static String substitute(String script, Map<String, String> substitutions) {
    Matcher m = SUBSTITUTION.matcher(script);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(2) != null ? m.group(2) : m.group(3);
      String value;
      if (m.group(1).equals("$")) {
        value = "$";
      } else if (substitutions.containsKey(name)) {
        value = substitutions.get(name);
      } else {
        throw new IllegalStateException("the " + STEP + " step uses substitution " + name + ", which the rehearsal does not set");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  /**
   * Runs the step in {@code dir} (its /workspace), after the deploy step's {@code vars}, with
   * {@code substitutions}, behind {@code build}'s proxy and trusting {@code certificate}.
   */
  Outcome run(Path dir, Map<String, String> vars, Map<String, String> substitutions, EgressProxy build, Path certificate)
      throws IOException, InterruptedException {
    Path workspace = Files.createDirectories(dir.resolve("workspace"));
    Path deploy = Files.createDirectories(workspace.resolve(".deploy"));
    StringBuilder lines = new StringBuilder();
    vars.forEach((name, value) -> lines.append(name).append('=').append(value).append('\n'));
    Files.writeString(deploy.resolve("vars"), lines);
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path gcloud = bin.resolve("gcloud");
    try (InputStream in = CloudBuildSmokeTest.class.getResourceAsStream("gcloud")) {
      Files.write(gcloud, in.readAllBytes());
    }
    Files.setPosixFilePermissions(gcloud, PosixFilePermissions.fromString("rwxr-xr-x"));

    // Cloud Build mounts the build's workspace at /workspace; here it is this folder.
    String command = substitute(script, substitutions).replace("/workspace/", workspace + "/");
    ProcessBuilder builder = new ProcessBuilder("bash", "-c", command).directory(workspace.toFile()).redirectErrorStream(true);
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", bin + ":/usr/local/bin:/usr/bin:/bin");
    env.put("HOME", dir.toString());
    env.put("CURL_CA_BUNDLE", certificate.toString());
    env.putAll(build.toolEnvironment());
    builder.environment().clear();
    builder.environment().putAll(env);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes());
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      return new Outcome(-1, output + "\n(timed out)");
    }
    return new Outcome(process.exitValue(), output);
  }

  /** The substitutions of one service's trigger that the step uses (terraform/modules/platform/build.tf sets them). */
  static Map<String, String> substitutions(String plugin, String smokePath, String projectId, String projectNumber, String region) {
    return Map.of("_PLUGIN", plugin, "_SMOKE_PATH", smokePath, "_REGION", region, "PROJECT_ID", projectId, "PROJECT_NUMBER", projectNumber);
  }
}
