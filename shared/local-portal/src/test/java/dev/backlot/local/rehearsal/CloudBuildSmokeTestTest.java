package dev.backlot.local.rehearsal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlot.local.LocalPortal;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The smoke-test step comes from cloudbuild.yaml itself, with Cloud Build's substitutions. */
class CloudBuildSmokeTestTest {
  static final Path ROOT = LocalPortal.findRoot(Path.of("").toAbsolutePath());

  @Test
  void substitutionsAreCloudBuildsWhereDoubleDollarIsTheShellsDollar() {
    String script = "A=\"${_PLUGIN}-${PROJECT_NUMBER}\" B=$_REGION; echo \"$$A $${B}\"";

    assertEquals("A=\"catalog-42\" B=ew; echo \"$A ${B}\"",
        CloudBuildSmokeTest.substitute(script, Map.of("_PLUGIN", "catalog", "PROJECT_NUMBER", "42", "_REGION", "ew")));
  }

  @Test
  void aSubstitutionTheRehearsalDoesNotSetFailsAsCloudBuildWould() {
    assertThrows(IllegalStateException.class, () -> CloudBuildSmokeTest.substitute("echo ${_UNKNOWN}", Map.of()));
  }

  @Test
  void theRepositorysSmokeTestStepCallsEachPathOfTheCandidateWithTheBuildsOwnToken() throws Exception {
    CloudBuildSmokeTest step = CloudBuildSmokeTest.from(ROOT.resolve("cloudbuild.yaml"));
    String script = CloudBuildSmokeTest.substitute(step.script(),
        CloudBuildSmokeTest.substitutions("catalog", "/entities?limit=1", "p", "42", "europe-west1"));

    assertTrue(script.contains("AUDIENCE=\"https://backlot-catalog-42.europe-west1.run.app\""), script);
    assertTrue(script.contains("gcloud auth print-identity-token --audiences=$AUDIENCE"), script);
    assertFalse(script.contains("--impersonate-service-account"), "the build calls as itself, not as the gateway");
    assertTrue(script.contains("\"$CANDIDATE_URL$path\""), script);
  }
}
