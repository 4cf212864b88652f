package dev.backlot.scaffolder.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.backlot.catalog.client.CatalogClient;
import dev.backlot.integration.github.GitHubCredentials;
import dev.backlot.platform.auth.ServiceTokens;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.discovery.Discovery;
import dev.backlot.platform.http.Json;
import dev.backlot.scaffolder.actions.Actions;
import dev.backlot.testing.GeneratedDocs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The templates in examples/templates dry-run without error and produce what they promise. */
class ExampleTemplatesTest {
  private static final Path TEMPLATES = GeneratedDocs.repositoryRoot().resolve("examples/templates");

  /** {@code values} through the template's parameter schema, then a dry run with its folder's files; the produced files by path. */
  private static JsonNode dryRun(String template, String values) throws Exception {
    Path folder = TEMPLATES.resolve(template);
    ObjectNode body = Json.object();
    body.set("template", new ObjectMapper(new YAMLFactory()).readTree(folder.resolve("template.yaml").toFile()));
    body.set("values", Json.MAPPER.readTree(values));
    assertEquals(0, dev.backlot.scaffolder.template.ParameterValidation.errors(dev.backlot.scaffolder.template.Template.from(body.get("template")),
        body.get("values")).size(), "the values pass the template's parameter schema");
    ArrayNode contents = body.putArray("directoryContents");
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        contents.addObject().put("path", folder.relativize(file).toString()).put("base64Content", Base64.getEncoder().encodeToString(Files.readAllBytes(file)));
      }
    }
    // A dry run calls neither the catalog nor GitHub: the client points nowhere.
    CatalogClient nowhere = CatalogClient.create(Discovery.fromConfig(Config.of(Map.of("backend", Map.of("baseUrl", "http://127.0.0.1:9")))),
        ServiceTokens.fromConfig(Config.empty(), "scaffolder"));
    JsonNode answer = new DryRun(new TemplateRunner(Actions.builtIn(nowhere, GitHubCredentials.fromConfig(Config.empty()), dev.backlot.platform.discovery.Discovery.fromConfig(Config.empty()),
        dev.backlot.platform.auth.ServiceTokens.fromConfig(Config.empty(), "scaffolder"), List.of())))
        .run(body, Json.object().put("ref", "user:default/alice"), dev.backlot.scaffolder.run.ActionGate.ALL);
    assertNull(answer.get("error"), answer.toString());
    return answer;
  }

  private static Map<String, String> produced(JsonNode answer) {
    Map<String, String> produced = new HashMap<>();
    answer.path("directoryContents").forEach(f -> produced.put(f.path("path").asText(),
        new String(Base64.getDecoder().decode(f.path("base64Content").asText()), StandardCharsets.UTF_8)));
    return produced;
  }

  @Test
  void theDocumentationSiteTemplateDryRunsWithoutError() throws Exception {
    JsonNode answer = dryRun("docs-site", "{\"name\": \"payments-docs\", \"description\": \"How payments work\", \"owner\": \"group:default/payments\","
        + " \"withSearch\": false, \"repoUrl\": \"github.com?owner=acme&repo=payments-docs\"}");
    Map<String, String> produced = produced(answer);
    assertEquals(Set.of("catalog-info.yaml", "mkdocs.yml", "docs/index.md"), produced.keySet());
    assertTrue(produced.get("catalog-info.yaml").contains("github.com/project-slug: acme/payments-docs"), produced.get("catalog-info.yaml"));
    assertTrue(produced.get("mkdocs.yml").contains("site_name: payments-docs"), produced.get("mkdocs.yml"));
    assertFalse(produced.get("mkdocs.yml").contains("search"), produced.get("mkdocs.yml"));
    assertTrue(produced.get("docs/index.md").startsWith("# payments-docs\n\nHow payments work"), produced.get("docs/index.md"));
    assertEquals("https://github.com/example/example", answer.path("output").path("links").path(0).path("url").asText());
    assertEquals("component:default/example", answer.path("output").path("links").path(1).path("entityRef").asText());
  }

  @Test
  void theJavaServiceOnCloudRunTemplateDryRunsWithoutError() throws Exception {
    JsonNode answer = dryRun("cloud-run-function", "{\"name\": \"invoice-sender\", \"owner\": \"group:default/payments\","
        + " \"system\": \"payments\", \"repoUrl\": \"github.com?owner=acme&repo=invoice-sender\"}");
    Map<String, String> produced = produced(answer);
    assertEquals(Set.of("catalog-info.yaml", "plugin.yaml", "pom.xml", ".github/workflows/build.yaml",
        "src/main/java/dev/backlot/invoicesender/InvoiceSenderFunction.java"), produced.keySet());
    String java = produced.get("src/main/java/dev/backlot/invoicesender/InvoiceSenderFunction.java");
    assertTrue(java.startsWith("package dev.backlot.invoicesender;") && java.contains("public final class InvoiceSenderFunction implements HttpFunction"), java);
    assertTrue(produced.get("plugin.yaml").contains("entryPoint: dev.backlot.invoicesender.InvoiceSenderFunction")
        && produced.get("plugin.yaml").contains("maxInstances: 10"), produced.get("plugin.yaml"));
    assertTrue(produced.get("pom.xml").contains("<artifactId>invoice-sender</artifactId>") && produced.get("pom.xml").contains("<version>${revision}</version>"),
        produced.get("pom.xml"));
    assertTrue(produced.get("catalog-info.yaml").contains("  system: payments"), produced.get("catalog-info.yaml"));
    assertTrue(produced.get(".github/workflows/build.yaml").contains("-Drevision=${{ github.sha }}"), produced.get(".github/workflows/build.yaml"));
  }

  @Test
  void theGitHubRepositoryTemplateDryRunsWithoutError() throws Exception {
    JsonNode answer = dryRun("github-repository", "{\"name\": \"billing\", \"description\": \"Bills\", \"owner\": \"group:default/payments\","
        + " \"repoUrl\": \"github.com?owner=acme&repo=billing\"}");
    String catalogFile = produced(answer).get("catalog-info.yaml");
    assertTrue(catalogFile.contains("name: billing") && catalogFile.contains("owner: group:default/payments")
        && catalogFile.contains("description: Bills"), catalogFile);
    assertEquals(3, answer.path("steps").size(), "write, publish and register, all dry-run");
  }
}
