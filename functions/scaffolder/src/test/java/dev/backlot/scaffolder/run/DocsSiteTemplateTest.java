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
import dev.backlot.platform.auth.ServiceTokens;
import dev.backlot.platform.discovery.Discovery;
import dev.backlot.platform.http.Json;
import dev.backlot.scaffolder.actions.Actions;
import dev.backlot.testing.GeneratedDocs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** examples/templates/docs-site dry-runs without error and produces the site it promises. */
class DocsSiteTemplateTest {
  private static final Path TEMPLATE = GeneratedDocs.repositoryRoot().resolve("examples/templates/docs-site");

  @Test
  void theDocumentationSiteTemplateDryRunsWithoutError() throws Exception {
    ObjectNode body = Json.object();
    body.set("template", new ObjectMapper(new YAMLFactory()).readTree(TEMPLATE.resolve("template.yaml").toFile()));
    body.set("values", Json.MAPPER.readTree("{\"name\": \"payments-docs\", \"description\": \"How payments work\", \"owner\": \"group:default/payments\","
        + " \"withSearch\": false, \"repoUrl\": \"github.com?owner=acme&repo=payments-docs\"}"));
    ArrayNode contents = body.putArray("directoryContents");
    try (Stream<Path> files = Files.walk(TEMPLATE)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        contents.addObject().put("path", TEMPLATE.relativize(file).toString()).put("base64Content", Base64.getEncoder().encodeToString(Files.readAllBytes(file)));
      }
    }
    // No catalog is called in a dry run: the client points nowhere.
    CatalogClient unused = CatalogClient.create(Discovery.fromConfig(dev.backlot.platform.config.Config.of(Map.of("backend", Map.of("baseUrl", "http://127.0.0.1:9")))),
        ServiceTokens.fromConfig(dev.backlot.platform.config.Config.empty(), "scaffolder"));
    JsonNode answer = new DryRun(new TemplateRunner(Actions.builtIn(unused, dev.backlot.integration.github.GitHubCredentials.fromConfig(dev.backlot.platform.config.Config.empty()), java.util.List.of()))).run(body, Json.object().put("ref", "user:default/alice"));

    assertNull(answer.get("error"), answer.toString());
    Map<String, String> produced = new HashMap<>();
    answer.path("directoryContents").forEach(f -> produced.put(f.path("path").asText(),
        new String(Base64.getDecoder().decode(f.path("base64Content").asText()), StandardCharsets.UTF_8)));
    assertEquals(java.util.Set.of("catalog-info.yaml", "mkdocs.yml", "docs/index.md"), produced.keySet());
    assertTrue(produced.get("catalog-info.yaml").contains("github.com/project-slug: acme/payments-docs"), produced.get("catalog-info.yaml"));
    assertTrue(produced.get("mkdocs.yml").contains("site_name: payments-docs"), produced.get("mkdocs.yml"));
    assertFalse(produced.get("mkdocs.yml").contains("search"), produced.get("mkdocs.yml"));
    assertTrue(produced.get("docs/index.md").startsWith("# payments-docs\n\nHow payments work"), produced.get("docs/index.md"));
    assertEquals("https://github.com/example/example", answer.path("output").path("links").path(0).path("url").asText());
    assertEquals("component:default/example", answer.path("output").path("links").path(1).path("entityRef").asText());
  }
}
