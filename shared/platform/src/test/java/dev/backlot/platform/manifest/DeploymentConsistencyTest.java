package dev.backlot.platform.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fails when the plugin manifests and what consumes them for deployment disagree: the Terraform in
 * terraform/, the gateway's OpenAPI template, the Cloud Build triggers and cloudbuild.yaml. Runs
 * on this repository; DeploymentChecksTest shows each check failing on a broken copy.
 */
class DeploymentConsistencyTest {
  private static final Path ROOT = RepoRoot.find();
  private final DeploymentChecks checks = new DeploymentChecks(ROOT);

  /** Plugin ids Backlot ships or may ship; none may be hard-coded in the deployment. */
  private static final Set<String> WELL_KNOWN_IDS =
      Set.of("catalog", "scaffolder", "techdocs", "search", "kubernetes", "api-docs", "notifications", "permission");

  static Stream<String> functionsDirs() {
    return Stream.of("fixture:functions", "fixture:functions-schedules", "repo:functions");
  }

  private static Path functionsDir(String name) {
    return name.startsWith("fixture:")
        ? PluginManifestsTest.fixture(name.substring("fixture:".length()))
        : ROOT.resolve(name.substring("repo:".length()));
  }

  private static void assertNoProblems(List<String> problems) {
    assertTrue(problems.isEmpty(), () -> problems.size() + " problem(s):\n  " + String.join("\n  ", problems));
  }

  @Test
  void terraformReadsTheManifestsWithFilesetAndYamldecode() {
    List<String> problems = new ArrayList<>();
    DeploymentChecks.Module module = checks.manifestModule(problems);

    assertNoProblems(problems);
    assertNotNull(module.filesetLocal, "a local lists fileset(..., \"functions/*/plugin.yaml\")");
    assertNotNull(module.rawLocal, "a local decodes each file with yamldecode(file(...))");
    assertNotNull(module.normalizedLocal, "a local normalizes the manifests");
  }

  @Test
  void everyManifestFieldTerraformReadsExistsInPluginManifest() {
    assertNoProblems(checks.manifestReads());

    List<String> problems = new ArrayList<>();
    DeploymentChecks.Module module = checks.manifestModule(problems);
    // Not vacuous: the resources, the template and the normalization all read manifest fields.
    Set<String> files = new TreeSet<>();
    module.reads.forEach(r -> files.add(Path.of(r.source().name).getFileName().toString()));
    assertTrue(module.reads.size() >= 30, () -> "only " + module.reads.size() + " manifest reads found");
    assertTrue(files.containsAll(Set.of("manifests.tf", "plugins.tf", "build.tf", "openapi.yaml.tftpl")), files::toString);
  }

  @Test
  void normalizedManifestHasExactlyTheRecordFieldsAndTheParsersDefaults() {
    assertNoProblems(checks.normalizedManifest());
  }

  @Test
  void schemaIsDerivedFromTheRecord() {
    Map<String, Object> schema = DeploymentChecks.schemaOf(PluginManifest.class);

    assertEquals(
        List.of("id", "entryPoint", "routePrefix", "database", "blobStore", "secrets", "settings", "smokeTest", "schedules", "resources"),
        List.copyOf(schema.keySet()));
    assertEquals(
        Set.of("resources.memory", "resources.cpu", "resources.minInstances", "resources.maxInstances", "resources.concurrency"),
        DeploymentChecks.leafPaths(schema).stream().filter(p -> p.startsWith("resources.")).collect(java.util.stream.Collectors.toSet()));
  }

  @Test
  void noPluginIdIsALiteralInTerraformOrCloudBuild() {
    Set<String> ids = new TreeSet<>(WELL_KNOWN_IDS);
    ids.addAll(DeploymentChecks.idsIn(ROOT.resolve("functions")));
    ids.addAll(DeploymentChecks.idsIn(PluginManifestsTest.fixture("functions")));

    assertNoProblems(checks.noPluginIdLiterals(ids));
  }

  @Test
  void cloudBuildSubstitutionsAreBuiltInOrSetByEveryTrigger() {
    List<String> problems = new ArrayList<>();
    Set<String> used = checks.cloudBuildSubstitutions(problems);

    assertNoProblems(problems);
    assertTrue(
        used.containsAll(Set.of("_PLUGIN", "_ENV", "_REGION", "_SMOKE_PATH", "_CANARY_PERCENT", "_IMAGE_DIGEST")), used::toString);
    assertNoProblems(checks.cloudBuildTriggers());
  }

  @Test
  void everyTriggerRebuildsOnAChangeToAnythingItsImageIsBuiltFrom() {
    assertNoProblems(checks.triggerInputs());
  }

  @Test
  void pluginServiceAccountsGetOnlyConditionedProjectRolesAndNoAdminOrBasicRole() {
    assertNoProblems(checks.pluginIam());
  }

  @Test
  void gatewayTemplateRoutesEveryMethodTheRouterServes() {
    Set<String> methods = DeploymentChecks.routerMethods();
    assertTrue(methods.containsAll(Set.of("GET", "POST")), methods::toString);

    assertNoProblems(checks.gatewayTemplate(methods));
  }

  @Test
  void aNewPluginFolderGetsItsServiceIdentityInvokerTriggerAndDatabase() {
    assertNoProblems(checks.perPluginResources());
  }

  @Test
  void everyPluginAndTheShellHaveAnAlertedUptimeCheck() {
    assertNoProblems(checks.uptimeChecks());
  }

  @Test
  void everyVariableIsDeclaredAndUsedAndTheRootsShareTheirCommonFiles() {
    assertNoProblems(checks.variables());
  }

  @Test
  void noSecretsInTerraformOrCloudBuild() {
    assertNoProblems(checks.noSecrets());
  }

  @Test
  void theCacheRequiresAuthAndTlsAndItsAuthStringStaysInSecretManager() {
    assertNoProblems(checks.cacheAuthAndTls());
  }

  @Test
  void cloudBuildDocumentsTheOneCommandRollback() throws Exception {
    String build = Files.readString(ROOT.resolve("cloudbuild.yaml"));
    String docs = Files.readString(ROOT.resolve("docs/deploy.md"));

    for (String text : List.of(build, docs)) {
      assertTrue(text.contains("gcloud run services update-traffic backlot-<plugin>"), "rollback command");
      assertTrue(text.contains("--to-revisions=<previous>=100"), "rollback command");
    }
    assertTrue(build.contains("--no-traffic") && build.contains("--tag="), "deploys without traffic, tagged");
  }

  @Test
  void terraformIsFormatted() throws Exception {
    Optional<Path> terraform = TerraformProbe.terraform();
    assumeTrue(terraform.isPresent(), "terraform is not on PATH: `terraform fmt -check -recursive terraform` not run");

    Process p = new ProcessBuilder(terraform.get().toString(), "fmt", "-check", "-recursive", "-diff", "-no-color", "terraform")
        .directory(ROOT.toFile())
        .redirectErrorStream(true)
        .start();
    String output = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "terraform fmt timed out");

    assertEquals(0, p.exitValue(), () -> "terraform fmt -check -recursive terraform wants changes:\n" + output);
  }

  /**
   * The real terraform evaluates the module's own manifest locals and gateway template for a
   * functions directory; the result must match what PluginManifestParser makes of the same files.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("functionsDirs")
  void terraformSeesTheManifestsAsTheParserDoes(String name, @TempDir Path work) throws Exception {
    Optional<Path> terraform = TerraformProbe.terraform();
    assumeTrue(terraform.isPresent(), "terraform is not on PATH: the module's locals and template were not evaluated");
    Path functions = functionsDir(name);
    List<PluginManifest> manifests = Files.isDirectory(functions) ? PluginManifests.load(functions) : List.of();
    DeploymentChecks.Module module = checks.manifestModule(new ArrayList<>());

    TerraformProbe.Result result = TerraformProbe.evaluate(terraform.get(), module, functions, work);

    // local.plugins is exactly the parsed manifests, defaults included.
    ObjectNode expected = DeploymentChecks.JSON.createObjectNode();
    manifests.forEach(m -> expected.set(m.id(), DeploymentChecks.JSON.valueToTree(m)));
    JsonNode plugins = result.locals().get(module.normalizedLocal.substring("local.".length()));
    assertTrue(DeploymentChecks.sameValue(expected, plugins), () -> "terraform: " + plugins + "\njava:      " + expected);

    // Derived sets: who gets a database, the docs bucket, which secret.
    Set<String> databases = new TreeSet<>();
    Set<String> blobs = new TreeSet<>();
    Set<String> grants = new TreeSet<>();
    manifests.forEach(m -> {
      if (m.database()) {
        databases.add(m.id());
      }
      if (m.blobStore()) {
        blobs.add(m.id());
      }
      m.secrets().forEach(s -> grants.add(m.id() + "/" + s));
    });
    assertEquals(databases, TerraformProbe.keys(result.locals().get("database_plugins")));
    assertEquals(blobs, TerraformProbe.keys(result.locals().get("blob_plugins")));
    assertEquals(grants, TerraformProbe.keys(result.locals().get("plugin_secret_grants")));
    // BACKLOT_PLUGINS of the shell (the web UI's sidebar) and of every function (discovery): every plugin id.
    assertEquals(String.join(",", manifests.stream().map(PluginManifest::id).sorted().toList()),
        result.locals().get("plugin_list").asText());

    // Names Google accepts: service accounts 6-30 characters, unique; services backlot-<id>.
    JsonNode accounts = result.locals().get("service_account_ids");
    Set<String> seen = new HashSet<>();
    for (PluginManifest m : manifests) {
      String account = accounts.path(m.id()).asText();
      assertTrue(account.matches("[a-z][-a-z0-9]{4,28}[a-z0-9]"), () -> m.id() + " -> invalid service account id " + account);
      assertTrue(seen.add(account), () -> "service account id used twice: " + account);
      assertEquals("backlot-" + m.id(), result.locals().get("service_names").path(m.id()).asText());
    }

    assertOpenApiRoutesEveryPlugin(result.openapi(), manifests);
    assertEverySchedulesCronFiresAtItsInterval(result.locals().get("scheduler_jobs"), manifests);
    assertEveryCallerUsesTheAudienceThePluginAccepts(result.locals(), manifests);
  }

  /**
   * A function accepts Google ID tokens for one audience, BACKLOT_SERVICE_AUDIENCE_TEMPLATE with
   * its id: the gateway's tokens (jwt_audience, checked above) and the scheduler's must be minted
   * for exactly that, and every service principal is named in its trusted accounts.
   */
  private static void assertEveryCallerUsesTheAudienceThePluginAccepts(Map<String, JsonNode> config, List<PluginManifest> manifests) {
    for (PluginManifest m : manifests) {
      JsonNode env = config.get("plugin_env").path(m.id());
      assertEquals(TerraformProbe.audience(m.id()), env.path("BACKLOT_SERVICE_AUDIENCE_TEMPLATE").asText().replace("{plugin}", m.id()));
      Set<String> principals = new TreeSet<>();
      for (String entry : env.path("BACKLOT_TRUSTED_SERVICE_ACCOUNTS").asText().split(",")) {
        principals.add(entry.substring(0, entry.indexOf('=')));
      }
      Set<String> expected = new TreeSet<>(Set.of("scheduler", "shell", "gateway", "deploy"));
      manifests.forEach(other -> expected.add(other.id()));
      assertEquals(expected, principals, m.id() + " BACKLOT_TRUSTED_SERVICE_ACCOUNTS");
    }
    config.get("scheduler_jobs").forEach(job ->
        assertEquals(TerraformProbe.audience(job.path("plugin").asText()), job.path("audience").asText(), job.toString()));
  }

  /** One scheduler job per manifest schedule, whose cron fires every everyMinutes around the clock. */
  private static void assertEverySchedulesCronFiresAtItsInterval(JsonNode jobs, List<PluginManifest> manifests) {
    Set<String> paths = new TreeSet<>();
    for (PluginManifest m : manifests) {
      for (PluginManifest.Schedule s : m.schedules()) {
        paths.add(m.routePrefix() + s.path());
        JsonNode job = null;
        for (JsonNode j : jobs) {
          if (j.path("path").asText().equals(m.routePrefix() + s.path())) {
            job = j;
          }
        }
        assertNotNull(job, () -> "no scheduler job for " + m.id() + " " + s.path() + " in " + jobs);
        String cron = job.path("cron").asText();
        Set<Integer> expected = new TreeSet<>();
        for (int minute = 0; minute < 24 * 60; minute += s.everyMinutes()) {
          expected.add(minute);
        }
        assertEquals(expected, firings(cron), () -> "every " + s.everyMinutes() + " min as '" + cron + "'");
      }
    }
    Set<String> jobPaths = new TreeSet<>();
    jobs.forEach(j -> jobPaths.add(j.path("path").asText()));
    assertEquals(paths, jobPaths, "scheduler jobs");
  }

  /** The minutes of a day at which a "minute hour * * *" cron with *, N or *&#47;N fields fires. */
  private static Set<Integer> firings(String cron) {
    String[] fields = cron.split(" ");
    assertEquals(List.of("*", "*", "*"), List.of(fields).subList(2, fields.length), cron);
    Set<Integer> minutes = new TreeSet<>();
    for (int hour = 0; hour < 24; hour++) {
      for (int minute = 0; minute < 60; minute++) {
        if (cronMatches(fields[1], hour, 24) && cronMatches(fields[0], minute, 60)) {
          minutes.add(hour * 60 + minute);
        }
      }
    }
    return minutes;
  }

  private static boolean cronMatches(String field, int value, int range) {
    if (field.startsWith("*/")) {
      int step = Integer.parseInt(field.substring(2));
      // "*/24" hours happens to mean midnight, but a step outside the field is not a cron step.
      assertTrue(step < range, () -> "step " + field + " outside its field's range 0-" + (range - 1));
      return value % step == 0;
    }
    return field.equals("*") || value == Integer.parseInt(field);
  }

  private static void assertOpenApiRoutesEveryPlugin(String openapi, List<PluginManifest> manifests) throws Exception {
    assertNotNull(openapi, "the module renders the gateway template");
    JsonNode doc = DeploymentChecks.YAML.readTree(openapi);
    assertEquals("2.0", doc.path("swagger").asText(), openapi);
    JsonNode paths = doc.path("paths");
    Set<String> methods = new TreeSet<>();
    DeploymentChecks.routerMethods().forEach(m -> methods.add(m.toLowerCase(Locale.ROOT)));
    Set<String> operationIds = new HashSet<>();
    Map<String, String> expectedPaths = new TreeMap<>();
    for (PluginManifest m : manifests) {
      expectedPaths.put(m.routePrefix(), m.id());
      expectedPaths.put(m.routePrefix() + "/{path=**}", m.id());
      expectedPaths.put(m.routePrefix() + "/healthcheck", m.id());
    }
    Set<String> actualPaths = paths.isObject() ? TerraformProbe.keys(paths) : Set.of();
    assertEquals(expectedPaths.keySet(), actualPaths, "gateway paths");

    for (Map.Entry<String, String> e : expectedPaths.entrySet()) {
      JsonNode path = paths.get(e.getKey());
      Set<String> expectedMethods = e.getKey().endsWith("/healthcheck") ? Set.of("get") : methods;
      assertTrue(TerraformProbe.keys(path).containsAll(expectedMethods), () -> e.getKey() + " routes " + TerraformProbe.keys(path));
      String url = TerraformProbe.serviceUrl(e.getValue());
      for (String method : TerraformProbe.keys(path)) {
        JsonNode op = path.get(method);
        String where = method.toUpperCase(Locale.ROOT) + " " + e.getKey();
        JsonNode backend = op.path("x-google-backend");
        assertEquals(url, backend.path("address").asText(), where);
        assertEquals(TerraformProbe.audience(e.getValue()), backend.path("jwt_audience").asText(), where);
        assertEquals("APPEND_PATH_TO_ADDRESS", backend.path("path_translation").asText(), where);
        assertTrue(backend.path("deadline").isNumber(), where + " deadline");
        assertTrue(operationIds.add(op.path("operationId").asText()), () -> where + ": duplicate operationId " + op.path("operationId"));
        assertFalse(op.path("responses").isEmpty(), where + " responses");
        if (e.getKey().endsWith("{path=**}")) {
          assertEquals("path", op.path("parameters").path(0).path("name").asText(), where + " declares {path}");
        }
      }
    }
  }
}
