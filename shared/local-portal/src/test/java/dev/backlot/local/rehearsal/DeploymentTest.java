package dev.backlot.local.rehearsal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.backlot.local.LocalPortal;
import dev.backlot.platform.manifest.PluginManifest;
import dev.backlot.platform.manifest.PluginManifests;
import dev.backlot.testing.Executables;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What terraform/rehearsal gives the rehearsal is modules/service-config's, evaluated by the real terraform. */
class DeploymentTest {
  static final Path ROOT = LocalPortal.findRoot(Path.of("").toAbsolutePath());
  @TempDir static Path dir;
  static Deployment deployment;

  @BeforeAll
  static void evaluate() throws Exception {
    assumeTrue(Executables.onPath("terraform").isPresent(), "terraform is not on PATH: terraform/rehearsal was not evaluated");
    deployment = Deployment.evaluate(ROOT, dir, Map.of("repo_root", ROOT.toString(), "okta_issuer", "https://localhost:1/backlot"));
  }

  @Test
  void everyPluginRunsItsManifestsEntryPointWithTheAudienceItAcceptsAndEveryPrincipalNamed() {
    List<PluginManifest> manifests = PluginManifests.load(ROOT.resolve("functions"));
    assertEquals(manifests.stream().map(PluginManifest::id).sorted().toList(), deployment.plugins().stream().sorted().toList());
    for (PluginManifest manifest : manifests) {
      Map<String, String> env = deployment.pluginEnvironment(manifest.id());
      assertEquals(manifest.entryPoint(), env.get("FUNCTION_TARGET"));
      assertEquals("production", env.get("BACKLOT_ENV"));
      assertTrue(env.get("BACKLOT_TRUSTED_SERVICE_ACCOUNTS").contains("deploy=" + deployment.identity("deploy")), env.toString());
    }
  }

  @Test
  void eachServiceAnswersAtItsUriAndAtTheDeterministicUrlTheAudiencesName() {
    for (Deployment.Service service : deployment.services()) {
      assertEquals(2, service.urls().size(), service.toString());
      assertTrue(service.urls().get(0).endsWith(".a.run.app"), service.toString());
      assertTrue(service.urls().get(1).endsWith("-" + deployment.projectNumber() + "." + deployment.region() + ".run.app"), service.toString());
      if (service.plugin() == null) {
        assertTrue(service.invokers().contains("allUsers"), "the shell is public");
      } else {
        assertTrue(service.invokers().contains("serviceAccount:" + deployment.identity("gateway")), service.toString());
        assertTrue(service.invokers().contains("serviceAccount:" + deployment.identity("deploy")), service.toString());
        assertEquals(deployment.pluginEnvironment(service.plugin()).get("BACKLOT_SERVICE_AUDIENCE_TEMPLATE").replace("{plugin}", service.plugin()),
            service.urls().get(1));
      }
    }
  }

  @Test
  void theSchedulersCallsGoThroughTheGatewayWithTheAudienceThePluginAccepts() {
    Deployment.SchedulerJob refresh = deployment.schedulerJob("catalog", "/refresh");

    assertEquals(deployment.gatewayUrl() + "/api/catalog/refresh", refresh.uri());
    assertEquals(deployment.pluginEnvironment("catalog").get("BACKLOT_SERVICE_AUDIENCE_TEMPLATE").replace("{plugin}", "catalog"), refresh.audience());
  }

  @Test
  void theShellMountsTheUiPluginBucketWhereItsSettingPointsAndTheRehearsalPutsItsStandInThere() {
    Deployment.Volume volume = deployment.shellVolumes().get("ui-plugins");
    assertEquals(deployment.projectId() + "-backlot-ui-plugins", volume.bucket());
    assertTrue(volume.readOnly());
    assertEquals(volume.mountPath(), deployment.shellEnvironment().get("BACKLOT_UIPLUGINS_FOLDER"));
    Path standIn = dir.resolve("buckets").resolve(volume.bucket());
    Map<String, String> seen = Services.mounted(deployment.shellEnvironment(), Map.of(volume.mountPath(), standIn));
    assertEquals(standIn.toString(), seen.get("BACKLOT_UIPLUGINS_FOLDER"));
    assertEquals(deployment.shellEnvironment().get("BACKEND_BASEURL"), seen.get("BACKEND_BASEURL"), "other values stay as Terraform gives them");
    assertEquals("/ui-pluginsX", Services.mounted(Map.of("A", "/ui-pluginsX"), Map.of("/ui-plugins", standIn)).get("A"), "only the mount path and below");
    assertEquals(standIn + "/bundles", Services.mounted(Map.of("A", "/ui-plugins/bundles"), Map.of("/ui-plugins", standIn)).get("A"));
  }
}
