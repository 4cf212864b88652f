package dev.backlot.platform.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each deployment check fails on a copy of this repository's terraform/ and cloudbuild.yaml with
 * one deliberate mistake, and names the mistake: the checks in DeploymentConsistencyTest are not
 * vacuous.
 */
class DeploymentChecksTest {
  private static final Path ROOT = RepoRoot.find();
  private static final String MODULE = "terraform/modules/platform/";
  private static final String CONFIG_MODULE = "terraform/modules/service-config/";

  @TempDir Path copy;

  @BeforeEach
  void copyRepository() throws IOException {
    copyTree(ROOT.resolve("terraform"), copy.resolve("terraform"));
    Files.copy(ROOT.resolve("cloudbuild.yaml"), copy.resolve("cloudbuild.yaml"));
    Files.createDirectories(copy.resolve("plugins"));
    Files.copy(ROOT.resolve(DeploymentChecks.UI_PLUGIN_PIPELINE), copy.resolve(DeploymentChecks.UI_PLUGIN_PIPELINE));
    copyTree(PluginManifestsTest.fixture("functions"), copy.resolve("functions"));
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.filter(p -> !p.toString().contains(".terraform") && !p.toString().contains("node_modules")).toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  /** Replaces the first occurrence of from (which must exist) in file. */
  private void mutate(String file, String from, String to) throws IOException {
    Path path = copy.resolve(file);
    String text = Files.readString(path);
    assertTrue(text.contains(from), () -> file + " no longer contains '" + from + "'; update this test");
    Files.writeString(path, text.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to)));
  }

  private void append(String file, String text) throws IOException {
    Path path = copy.resolve(file);
    Files.createDirectories(path.getParent());
    Files.writeString(path, (Files.exists(path) ? Files.readString(path) : "") + text);
  }

  private static void assertProblem(List<String> problems, String... fragments) {
    assertTrue(
        problems.stream().anyMatch(p -> Stream.of(fragments).allMatch(p::contains)),
        () -> "expected a problem containing " + List.of(fragments) + ", got:\n  " + String.join("\n  ", problems));
  }

  private DeploymentChecks checks() {
    return new DeploymentChecks(copy);
  }

  @Test
  void theUnmodifiedCopyPasses() {
    DeploymentChecks checks = checks();

    assertEquals(List.of(), checks.manifestReads());
    assertEquals(List.of(), checks.normalizedManifest());
    assertEquals(List.of(), checks.cloudBuildTriggers());
    assertEquals(List.of(), checks.triggerInputs());
    assertEquals(List.of(), checks.pluginIam());
    assertEquals(List.of(), checks.gatewayTemplate(DeploymentChecks.routerMethods()));
    assertEquals(List.of(), checks.noSecrets());
    assertEquals(List.of(), checks.cacheAuthAndTls());
    assertEquals(List.of(), checks.uptimeChecks());
    assertEquals(List.of(), checks.perPluginResources());
    assertEquals(List.of(), checks.variables());
    assertEquals(List.of(), checks.noPluginIdLiterals(DeploymentChecks.idsIn(copy.resolve("functions"))));
  }

  @Test
  void aMisspelledFieldInAResourceIsCaught() throws IOException {
    mutate(MODULE + "plugins.tf", "each.value.resources.memory", "each.value.resources.memroy");

    assertProblem(checks().manifestReads(), "plugins.tf:", "'resources.memroy'", "PluginManifest.resources has no field 'memroy'");
  }

  @Test
  void aMisspelledFieldInAForExpressionIsCaught() throws IOException {
    mutate(CONFIG_MODULE + "manifests.tf", "id => p if p.database }", "id => p if p.databse }");

    assertProblem(checks().manifestReads(), "manifests.tf:", "'databse'", "PluginManifest has no field 'databse'");
  }

  @Test
  void aMisspelledFieldReadThroughLookupOrAnIndexIsCaught() throws IOException {
    append(MODULE + "extra.tf", """
        locals {
          a = { for id in keys(local.plugins) : id => lookup(local.plugins[id], "blobstore", false) }
          b = { for id in keys(local.plugins) : id => local.plugins[id].resources.gpu }
          c = { for id, p in local.plugins : id => p["smoke_test"] }
        }
        """);

    List<String> problems = checks().manifestReads();

    assertProblem(problems, "extra.tf:2", "'blobstore'");
    assertProblem(problems, "extra.tf:3", "'resources.gpu'");
    assertProblem(problems, "extra.tf:4", "'smoke_test'");
  }

  @Test
  void aMisspelledFieldInTheGatewayTemplateIsCaught() throws IOException {
    mutate(CONFIG_MODULE + "templates/openapi.yaml.tftpl", "\"${p.routePrefix}/healthcheck\"", "\"${p.route_prefix}/healthcheck\"");

    assertProblem(checks().manifestReads(), "openapi.yaml.tftpl:", "'route_prefix'");
  }

  @Test
  void renamingAManifestFieldInTheRecordBreaksTheCheck() {
    Map<String, Object> renamed = new LinkedHashMap<>();
    DeploymentChecks.schemaOf(PluginManifest.class).forEach((k, v) -> renamed.put(k.equals("blobStore") ? "blobs" : k, v));
    DeploymentChecks checks = new DeploymentChecks(copy, renamed);

    assertProblem(checks.manifestReads(), "'blobStore'", "PluginManifest has no field 'blobStore'");
  }

  @Test
  void aNormalizedFieldMissingOrNotReadFromTheManifestIsCaught() throws IOException {
    mutate(CONFIG_MODULE + "manifests.tf", "blobStore   = coalesce(try(m.blobStore, null), local.manifest_defaults.blobStore)", "blobStore   = false");

    assertProblem(checks().normalizedManifest(), "normalized field 'blobStore' must be read from the manifest's own 'blobStore'");
  }

  @Test
  void aDefaultThatDriftsFromTheParsersIsCaught() throws IOException {
    mutate(CONFIG_MODULE + "manifests.tf", "concurrency  = 80", "concurrency  = 100");

    assertProblem(checks().normalizedManifest(), "local.manifest_defaults is", "\"concurrency\":100", "\"concurrency\":80");
  }

  @Test
  void aManifestFieldNoResourceUsesIsCaught() throws IOException {
    mutate(MODULE + "build.tf", "_SMOKE_PATH     = each.value.smokeTest", "_SMOKE_PATH     = \"/healthcheck\"");

    List<String> problems = checks().normalizedManifest();

    assertProblem(problems, "manifest field 'smokeTest' is not used by any resource");
  }

  @Test
  void readingSomethingOtherThanTheManifestFilesIsCaught() throws IOException {
    mutate(CONFIG_MODULE + "manifests.tf", "\"functions/*/plugin.yaml\"", "\"functions/*/manifest.yaml\"");

    assertProblem(checks().manifestReads(), "expected exactly one module that lists the manifests with fileset(..., \"functions/*/plugin.yaml\")");
  }

  @Test
  void notDecodingTheManifestsWithYamldecodeIsCaught() throws IOException {
    mutate(CONFIG_MODULE + "manifests.tf", "yamldecode(file(", "jsondecode(file(");

    assertProblem(checks().manifestReads(), "no local turns them into objects");
  }

  @Test
  void aPluginIdInTerraformIsCaught() throws IOException {
    append(MODULE + "extra.tf", """
        resource "google_cloud_run_v2_service_iam_member" "catalog_public" {
          name   = "backlot-catalog"
          member = "allUsers"
        }
        """);

    List<String> problems = checks().noPluginIdLiterals(Set.of("catalog", "api-docs"));

    assertProblem(problems, "extra.tf:1", "plugin id 'catalog'", "catalog_public");
    assertProblem(problems, "extra.tf:2", "plugin id 'catalog'", "backlot-catalog");
  }

  @Test
  void aPluginNamedAfterTheRepositorysHostIsToldApartFromTheHost() throws IOException {
    assertEquals(List.of(), checks().noPluginIdLiterals(Set.of("github")),
        "github_owner, github_repo, https://github.com/, GITHUB and the trigger's github block name the host");
    append("terraform/modules/platform/extra.tf", """
        resource "google_cloud_run_v2_service_iam_member" "github_public" {
          name   = "backlot-github"
          member = "allUsers"
        }
        resource "google_compute_address" "github" {
          name = "webhooks"
        }
        """);

    List<String> problems = checks().noPluginIdLiterals(Set.of("github"));

    assertProblem(problems, "extra.tf:1", "plugin id 'github'", "github_public");
    assertProblem(problems, "extra.tf:2", "plugin id 'github'", "backlot-github");
    assertProblem(problems, "extra.tf:5", "plugin id 'github'");
  }

  @Test
  void aPluginIdInAnEnvironmentOrTheBuildIsCaught() throws IOException {
    mutate("terraform/environments/prod/main.tf", "redis_enabled                   = var.redis_enabled",
        "redis_enabled                   = var.redis_enabled\n  image_digests = { api-docs = \"sha256:abc\" }");
    append("cloudbuild.yaml", "# a comment may name api-docs\nsubstitutions:\n  _ONLY_FOR: api-docs\n");

    List<String> problems = checks().noPluginIdLiterals(Set.of("api-docs"));

    assertProblem(problems, "environments/prod/main.tf", "api-docs");
    assertProblem(problems, "cloudbuild.yaml:", "api-docs");
    assertTrue(problems.stream().noneMatch(p -> p.contains("a comment")), problems::toString);
  }

  @Test
  void aSubstitutionNoTriggerSetsIsCaught() throws IOException {
    mutate("cloudbuild.yaml", "--region=${_REGION} --no-traffic", "--region=${_REGION} --memory=${_MEMORY} --no-traffic");

    assertProblem(checks().cloudBuildTriggers(), "google_cloudbuild_trigger.plugin", "uses [_MEMORY] which this trigger does not set");
  }

  @Test
  void aSubstitutionTheBuildDoesNotUseIsCaught() throws IOException {
    mutate(MODULE + "build.tf", "_ENV            = var.env", "_ENV            = var.env\n    _STAGE          = var.env");

    assertProblem(checks().cloudBuildTriggers(), "sets [_STAGE] which cloudbuild.yaml does not use");
  }

  @Test
  void anUnescapedShellVariableIsCaught() throws IOException {
    mutate("cloudbuild.yaml", "gcloud run deploy $$SERVICE", "gcloud run deploy $SERVICE");
    mutate("cloudbuild.yaml", "for i in $$(seq 1 60)", "for i in $(seq 1 60)");

    List<String> problems = checks().cloudBuildTriggers();

    assertProblem(problems, "${SERVICE} is neither a built-in substitution nor a user one");
    assertProblem(problems, "a lone '$'", "write $$ for a shell '$'");
  }

  @Test
  void aPluginTriggerThatDoesNotTakeItsSmokePathFromTheManifestIsCaught() throws IOException {
    mutate(MODULE + "build.tf", "_SMOKE_PATH     = each.value.smokeTest", "_SMOKE_PATH     = \"/healthcheck\"");
    mutate(MODULE + "build.tf", "[\"functions/${each.key}/**\"]", "[\"functions/**\"]");

    List<String> problems = checks().cloudBuildTriggers();

    assertProblem(problems, "_SMOKE_PATH must be each.value.smokeTest");
    assertProblem(problems, "included_files must contain \"functions/${each.key}/**\"");
  }

  @Test
  void aTriggerMissingAnInputOfItsImageIsCaught() throws IOException {
    mutate(MODULE + "build.tf", "\"shared/**\", \"image/aot-train.sh\", ", "");
    mutate(MODULE + "build.tf", "[\"functions/pom.xml\", \"functions/image/**\"]", "[\"functions/image/**\"]");
    mutate(MODULE + "build.tf", "[\"frontend-shell/**\"]", "[\"frontend-shell/src/**\"]");

    List<String> problems = checks().triggerInputs();

    for (String trigger : List.of("google_cloudbuild_trigger.plugin", "google_cloudbuild_trigger.shell")) {
      assertProblem(problems, trigger, "does not cover shared/any-module/pom.xml");
      assertProblem(problems, trigger, "does not cover image/aot-train.sh");
    }
    assertProblem(problems, "google_cloudbuild_trigger.plugin", "does not cover functions/pom.xml");
    assertProblem(problems, "google_cloudbuild_trigger.shell", "does not cover frontend-shell/pom.xml");
    assertTrue(problems.stream().noneMatch(p -> p.contains("shell") && p.contains("functions/")), problems::toString);
  }

  @Test
  void aUiPluginTriggerThatBuildsEveryPluginOrSetsWhatItsPipelineDoesNotUseIsCaught() throws IOException {
    mutate(MODULE + "ui_plugins.tf", "[\"plugins/${each.key}/**\"]", "[\"plugins/**\"]");
    mutate(MODULE + "ui_plugins.tf", "_UI_PLUGIN = each.key", "_UI_PLUGIN = \"techradar\"\n    _ENV       = var.env");

    List<String> problems = checks().cloudBuildTriggers();

    assertProblem(problems, "google_cloudbuild_trigger.ui_plugin", "included_files must contain \"plugins/${each.key}/**\"");
    assertProblem(problems, "google_cloudbuild_trigger.ui_plugin", "_UI_PLUGIN must be each.key");
    assertProblem(problems, "google_cloudbuild_trigger.ui_plugin", "sets [_BUCKET, _ENV, _UI_PLUGIN] but plugins/cloudbuild.yaml uses [_BUCKET, _UI_PLUGIN]");
  }

  @Test
  void aUiPluginTriggerMissingTheToolchainItIsBuiltWithIsCaught() throws IOException {
    mutate(MODULE + "ui_plugins.tf", "\"frontend-shell/web/package.json\", \"frontend-shell/web/package-lock.json\", ", "");

    assertProblem(checks().triggerInputs(), "google_cloudbuild_trigger.ui_plugin", "does not cover frontend-shell/web/package-lock.json");
  }

  @Test
  void aConfigLayerNoTriggerListsIsCaught() throws IOException {
    append("app-config.staging.yaml", "backend: {}\n");
    mutate(MODULE + "build.tf", "\"app-config.*.yaml\"", "\"app-config.production.yaml\"");

    List<String> problems = checks().triggerInputs();

    assertProblem(problems, "google_cloudbuild_trigger.plugin", "does not cover app-config.staging.yaml");
    assertProblem(problems, "google_cloudbuild_trigger.shell", "does not cover app-config.staging.yaml");
  }

  @Test
  void aProjectWideGrantToAPluginIsCaught() throws IOException {
    mutate(MODULE + "plugins.tf", """
          member  = "serviceAccount:${google_service_account.plugin[each.key].email}"

          condition {
            title       = local.backlot_instance_condition.title
            description = local.backlot_instance_condition.description
            expression  = local.backlot_instance_condition.expression
          }
        """, """
          member  = "serviceAccount:${google_service_account.plugin[each.key].email}"
        """);

    List<String> problems = checks().pluginIam();

    assertProblem(problems, "google_project_iam_member.plugin_cloudsql_client (", "plugins.tf:", "add a condition");
    assertTrue(problems.stream().noneMatch(p -> p.contains("plugin_cloudsql_instance_user")), problems::toString);
  }

  @Test
  void anAdminOrBasicRoleForAPluginIsCaught() throws IOException {
    append(MODULE + "extra.tf", """
        resource "google_project_iam_member" "plugin_editor" {
          for_each = local.plugins
          project  = var.project_id
          role     = "roles/editor"
          member   = "serviceAccount:${google_service_account.plugin[each.key].email}"
          condition {
            title      = "any"
            expression = "true"
          }
        }
        resource "google_storage_bucket_iam_member" "plugin_bucket_admin" {
          for_each = local.blob_plugins
          bucket   = google_storage_bucket.docs.name
          role     = "roles/storage.admin"
          member   = "serviceAccount:${google_service_account.plugin[each.key].email}"
        }
        resource "google_project_iam_member" "plugin_owner" {
          for_each = toset(["roles/owner"])
          project  = var.project_id
          role     = each.value
          member   = "serviceAccount:${google_service_account.plugin["x"].email}"
        }
        """);

    List<String> problems = checks().pluginIam();

    assertProblem(problems, "google_project_iam_member.plugin_editor", "roles/editor");
    assertProblem(problems, "google_storage_bucket_iam_member.plugin_bucket_admin", "roles/storage.admin");
    assertProblem(problems, "google_project_iam_member.plugin_owner", "roles/owner");
    assertProblem(problems, "google_project_iam_member.plugin_owner", "add a condition");
    assertTrue(problems.stream().noneMatch(p -> p.contains("plugin_editor") && p.contains("add a condition")), problems::toString);
  }

  @Test
  void aGatewayRouteMissingARouterMethodIsCaught() throws IOException {
    mutate(CONFIG_MODULE + "templates/openapi.yaml.tftpl", "[\"get\", \"post\", \"put\", \"patch\", \"delete\"]", "[\"get\", \"post\", \"put\", \"delete\"]");

    assertProblem(checks().gatewayTemplate(Set.of("GET", "POST", "PUT", "PATCH", "DELETE")), "only has [DELETE, GET, POST, PUT]");
  }

  @Test
  void aGatewayBackendWithoutPathTranslationIsCaught() throws IOException {
    mutate(CONFIG_MODULE + "templates/openapi.yaml.tftpl", "path_translation: APPEND_PATH_TO_ADDRESS", "path_translation: CONSTANT_ADDRESS");

    assertProblem(checks().gatewayTemplate(Set.of("GET")), "needs 'path_translation: APPEND_PATH_TO_ADDRESS'");
  }

  @Test
  void aPluginLeftWithoutItsServiceOrDatabaseIsCaught() throws IOException {
    mutate(MODULE + "plugins.tf", "resource \"google_cloud_run_v2_service\" \"plugin\" {\n  for_each = local.plugins\n",
        "resource \"google_cloud_run_v2_service\" \"plugin\" {\n  for_each = local.blob_plugins\n");
    // Every plugin, not only those with a database.
    mutate(MODULE + "database.tf", "for_each = local.database_plugins", "for_each = local.plugins");
    mutate(MODULE + "database.tf", "for_each = local.database_plugins", "for_each = local.plugins");

    List<String> problems = checks().perPluginResources();

    assertProblem(problems, "no google_cloud_run_v2_service with for_each over every manifest", "would not get its Cloud Run service");
    assertProblem(problems, "no google_sql_database with for_each over the manifests with database: true", "local.database_plugins");
    assertProblem(problems, "no google_sql_user with for_each over the manifests with database: true");
  }

  @Test
  void aPluginWithoutAnUptimeCheckIsCaught() throws IOException {
    mutate(MODULE + "monitoring.tf", "resource \"google_monitoring_uptime_check_config\" \"plugin\" {\n  for_each = local.plugins\n",
        "resource \"google_monitoring_uptime_check_config\" \"plugin\" {\n  for_each = { for id, p in local.plugins : id => p if p.database }\n");

    List<String> problems = checks().uptimeChecks();

    assertProblem(problems, "google_monitoring_uptime_check_config.plugin", "monitoring.tf:", "for_each must be every manifest",
        "a plugin left out has no uptime check");
    assertProblem(problems, "no google_monitoring_uptime_check_config with for_each over every manifest");
  }

  @Test
  void noPluginUptimeCheckAtAllIsCaught() throws IOException {
    mutate(MODULE + "monitoring.tf", "resource \"google_monitoring_uptime_check_config\" \"plugin\" {\n  for_each = local.plugins\n",
        "resource \"google_monitoring_uptime_check_config\" \"plugin\" {\n  count = 0\n");

    assertProblem(checks().uptimeChecks(), "no google_monitoring_uptime_check_config with for_each over every manifest");
  }

  @Test
  void anUptimeCheckOnAnotherPathOrWithoutAlertIsCaught() throws IOException {
    mutate(MODULE + "monitoring.tf", "path         = \"${each.value.routePrefix}/healthcheck\"", "path         = \"${each.value.routePrefix}/\"");
    mutate(MODULE + "monitoring.tf", "{ shell = google_monitoring_uptime_check_config.shell.uptime_check_id }", "{}");

    List<String> problems = checks().uptimeChecks();

    assertProblem(problems, "google_monitoring_uptime_check_config.plugin", "http_check.path must be");
    assertProblem(problems, "google_monitoring_uptime_check_config.shell", "no google_monitoring_alert_policy refers to it");
  }

  @Test
  void anUnusedOrUndeclaredVariableIsCaught() throws IOException {
    append("terraform/environments/staging/variables-staging.tf", "\nvariable \"forgotten\" {\n  type = string\n}\n");
    mutate("terraform/environments/prod/main.tf", "redis_enabled                   = var.redis_enabled",
        "redis_enabled                   = var.redis_enable");
    mutate(MODULE + "variables.tf", "condition     = var.canary_max_5xx >= 0", "condition     = var.canary_max_5xx >= 0 # only used here");
    mutate(MODULE + "build.tf", "tostring(var.canary_max_5xx)", "\"0\"");
    mutate(MODULE + "build.tf", "tostring(var.canary_max_5xx)", "\"0\"");

    List<String> problems = checks().variables();

    assertProblem(problems, "environments/staging/variables-staging.tf:", "variable \"forgotten\" is declared but never used");
    assertProblem(problems, "environments/prod/main.tf:", "var.redis_enable is used but", "declares no variable \"redis_enable\"");
    assertProblem(problems, "environments/prod/variables-prod.tf:", "variable \"redis_enabled\" is declared but never used");
    // A variable's own validation does not count as a use.
    assertProblem(problems, "modules/platform/variables.tf:", "variable \"canary_max_5xx\" is declared but never used");
  }

  @Test
  void aRootWithACopyOfTheSharedVariablesIsCaught() throws IOException {
    mutate("terraform/environments/dev/variables.tf", "default     = \"backlot\"", "default     = \"portal\"");

    assertProblem(checks().variables(), "environments/dev/variables.tf: must be the link ../common/variables.tf");
  }

  @Test
  void aSecretValueInTerraformIsCaught() throws IOException {
    append(MODULE + "extra.tf", """
        resource "google_secret_manager_secret_version" "token" {
          secret      = "x"
          secret_data = "hunter2"
        }
        """);

    List<String> problems = checks().noSecrets();

    assertProblem(problems, "extra.tf:1", "google_secret_manager_secret_version");
    assertProblem(problems, "extra.tf:3", "secret_data");
  }

  @Test
  void aSecretVersionCopiesOnlyTheAuthStringGoogleGeneratedAndOnlyWriteOnly() throws IOException {
    append(MODULE + "extra.tf", """
        resource "google_secret_manager_secret_version" "copy" {
          secret                 = "x"
          secret_data_wo         = google_redis_instance.cache[0].auth_string
          secret_data_wo_version = 1
        }
        resource "google_secret_manager_secret_version" "mixed" {
          secret      = "x"
          secret_data = "${google_redis_instance.cache[0].auth_string}-and-more"
        }
        resource "google_secret_manager_secret_version" "kept_in_state" {
          secret      = "x"
          secret_data = google_redis_instance.cache[0].auth_string
        }
        """);

    List<String> problems = checks().noSecrets();

    assertFalse(problems.stream().anyMatch(p -> p.contains("extra.tf:1:") || p.contains("extra.tf:3:")), problems::toString);
    assertProblem(problems, "extra.tf:6", "google_secret_manager_secret_version");
    assertProblem(problems, "extra.tf:8", "secret_data");
    assertProblem(problems, "extra.tf:10", "google_secret_manager_secret_version");
  }

  @Test
  void aCacheWithoutAuthOrTlsIsCaught() throws IOException {
    mutate(MODULE + "cache.tf", "auth_enabled            = true", "auth_enabled            = false");
    mutate(MODULE + "cache.tf", "transit_encryption_mode = \"SERVER_AUTHENTICATION\"", "transit_encryption_mode = \"DISABLED\"");

    List<String> problems = checks().cacheAuthAndTls();

    assertProblem(problems, "cache.tf:4", "google_redis_instance.cache needs auth_enabled = true");
    assertProblem(problems, "cache.tf:4", "needs transit_encryption_mode = \"SERVER_AUTHENTICATION\"");
  }

  @Test
  void theAuthStringInPlainEnvironmentOrAnOutputIsCaught() throws IOException {
    mutate(MODULE + "cache.tf", "BACKLOT_REDIS_ADDRESS         =",
        "BACKLOT_REDIS_PASSWORD        = google_redis_instance.cache[0].auth_string\n    BACKLOT_REDIS_ADDRESS         =");
    append(MODULE + "outputs.tf", """
        output "redis_auth" {
          value     = google_redis_instance.cache[0].auth_string
          sensitive = true
        }
        """);

    List<String> problems = checks().cacheAuthAndTls();

    assertProblem(problems, "cache.tf:", "the Redis AUTH string may only go into a google_secret_manager_secret_version");
    assertProblem(problems, "outputs.tf:", "the Redis AUTH string may only go into a google_secret_manager_secret_version");
  }

  @Test
  void secretLookingStringsAreCaught() {
    // Built at run time so that no scanner mistakes this test for a leak.
    String pem = "-----BEGIN " + "PRIVATE KEY-----";
    String aws = "AKIA" + "IOSFODNN7EXAMPLE";
    String github = "ghp_" + "0123456789abcdefghijABCDEFGHIJ012345";
    String password = "db_password = \"" + "Zx81kP0q" + "Lm4Nv7Tr2Wy9\"";

    for (String leak : List.of(pem, aws, github, password, "\"private_key\": \"...\"")) {
      assertFalse(DeploymentChecks.secretsIn("leak.tf", "x = 1\n" + leak + "\n").isEmpty(), leak);
    }
    assertTrue(DeploymentChecks.secretsIn("leak.tf", "leak.tf:2").isEmpty());
    assertEquals(List.of("leak.tf:2: looks like an AWS access key id"), DeploymentChecks.secretsIn("leak.tf", "a\n" + aws));
  }

  @Test
  void ordinaryValuesAreNotMistakenForSecrets() {
    String tf = """
        OKTA_OAUTH2_CLIENT_SECRET = "backlot-okta-client-secret"
        secret_id                 = google_secret_manager_secret.declared[each.value.secret].secret_id
        role                      = "roles/secretmanager.secretAccessor"
        okta_client_id            = "0oa1example2client3id"
        token_file                = "/workspace/.deploy/registry-token"
        """;

    assertEquals(List.of(), DeploymentChecks.secretsIn("ok.tf", tf));
  }
}
