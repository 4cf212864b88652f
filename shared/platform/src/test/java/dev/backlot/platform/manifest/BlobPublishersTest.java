package dev.backlot.platform.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CI publishers (blob_store_publishers): the real terraform evaluates modules/service-config with
 * a test plugin folder, and the IAM conditions it computes confine the publisher to its plugin's
 * prefix of the docs bucket; naming a plugin without a blob store is refused.
 */
class BlobPublishersTest {
  private static final Path ROOT = RepoRoot.find();
  private static final String MEMBER = "principalSet://iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/ci/attribute.repository_owner/acme";

  private static Path functions(Path work) throws Exception {
    Path functions = Files.createDirectories(work.resolve("functions-src"));
    Files.createDirectories(functions.resolve("docs"));
    Files.writeString(functions.resolve("docs/plugin.yaml"), "id: docs\nentryPoint: x.Docs\nblobStore: true\n");
    Files.createDirectories(functions.resolve("plain"));
    Files.writeString(functions.resolve("plain/plugin.yaml"), "id: plain\nentryPoint: x.Plain\n");
    return functions;
  }

  private static TerraformProbe.Result evaluate(Path work, String publishers) throws Exception {
    Optional<Path> terraform = TerraformProbe.terraform();
    assumeTrue(terraform.isPresent(), "terraform is not on PATH: the publishers' conditions were not evaluated");
    DeploymentChecks.Module module = new DeploymentChecks(ROOT).manifestModule(new ArrayList<>());
    return TerraformProbe.evaluate(terraform.get(), module, functions(work), work.resolve("probe-root"), "blob_store_publishers = " + publishers);
  }

  @Test
  void aPublisherMayWriteAndListOnlyBelowItsPluginsPrefix(@TempDir Path work) throws Exception {
    JsonNode publisher = evaluate(work, "{ docs = [\"" + MEMBER + "\"] }").locals().get("blob_publishers").path("docs");
    assertEquals("docs/", publisher.path("prefix").asText());
    assertEquals("backlot-pub-docs", publisher.path("account_id").asText());
    assertEquals("resource.name.startsWith(\"projects/_/buckets/backlot-probe-backlot-docs/objects/docs/\")",
        publisher.path("object_condition").path("expression").asText());
    assertEquals("resource.name == \"projects/_/buckets/backlot-probe-backlot-docs\" && "
        + "api.getAttribute(\"storage.googleapis.com/objectListPrefix\", \"docs/\").startsWith(\"docs/\")",
        publisher.path("bucket_condition").path("expression").asText());
    assertEquals(MEMBER, publisher.path("members").get(0).asText());
  }

  @Test
  void noPublishersByDefault(@TempDir Path work) throws Exception {
    assertEquals(0, evaluate(work, "{}").locals().get("blob_publishers").size());
  }

  @Test
  void aPluginWithoutABlobStoreCannotHaveAPublisher(@TempDir Path work) {
    IllegalStateException failed = assertThrows(IllegalStateException.class, () -> evaluate(work, "{ plain = [\"" + MEMBER + "\"] }"));
    assertTrue(failed.getMessage().contains("blob_store_publishers names plugins without blobStore: true") && failed.getMessage().contains("plain"),
        failed.getMessage());
  }
}
