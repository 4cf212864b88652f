package dev.backlot.catalog.ingestion;

import dev.backlot.catalog.ingestion.rules.CatalogRules;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.platform.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * File locations come from config, but the files they lead to are often in a repository many
 * people commit to. Whatever those files say, the catalog reads no file outside its file roots.
 */
class FileRootsTest {
  private static final String SECRET = "DATABASE_PASSWORD=hunter2";

  /**
   * The attack: a configured catalog file (committed to by anyone in the company) names files on
   * the catalog's disk outside the catalog's folder: absolutely, by climbing with {@code ..}, through
   * a symlink committed next to it, and as the target of a Location. Each would be read and published.
   */
  @Test
  void noPathInAConfiguredFileLeadsOutOfTheFileRoots(@TempDir Path tmp) throws Exception {
    Path catalog = Files.createDirectories(tmp.resolve("catalog"));
    Files.writeString(tmp.resolve("secret.env"), SECRET + "\n");
    Files.writeString(tmp.resolve("outside.yaml"), entity("Component", "escaped", ""));
    Files.createSymbolicLink(catalog.resolve("link.env"), tmp.resolve("secret.env"));
    Files.createDirectories(catalog.resolve("apis"));
    Files.writeString(catalog.resolve("apis/openapi.yaml"), "openapi: 3.0.3\n");
    Files.writeString(catalog.resolve("inside.yaml"), entity("Component", "inside", ""));
    Files.writeString(catalog.resolve("all.yaml"), String.join("---\n",
        entity("API", "relative-definition", "definition: {$text: ./apis/openapi.yaml}"),
        entity("API", "absolute-leak", "definition: {$text: '" + tmp.resolve("secret.env") + "'}"),
        entity("API", "climbing-leak", "definition: {$text: ../secret.env}"),
        entity("API", "symlink-leak", "definition: {$text: ./link.env}"),
        entity("API", "environment-leak", "definition: {$text: /proc/self/environ}"),
        "apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata: {name: more}\nspec: {targets: [./inside.yaml, ../outside.yaml]}\n"));

    Config config = Config.of(Map.of("catalog", Map.of("locations", List.of(Map.of("type", "file", "target", "catalog/all.yaml")))));
    LocationProcessor.Result result = new LocationProcessor(List.of(FileLocationReader.fromConfig(config, tmp)), CatalogRules.defaults())
        .process(new LocationSpec("file", "catalog/all.yaml"));

    Map<String, ObjectNode> byName = result.entities().stream()
        .collect(Collectors.toMap(e -> e.at("/metadata/name").asText(), e -> e, (a, b) -> a));
    // Failure messages name entities, never print what they hold: that may be this machine's environment.
    assertFalse(result.entities().toString().contains("hunter2"), "the secret file is in one of " + byName.keySet());
    assertFalse(result.entities().toString().contains("PATH="), "the catalog's environment is in one of " + byName.keySet());
    assertEquals("openapi: 3.0.3\n", byName.get("relative-definition").at("/spec/definition").asText());
    assertTrue(byName.containsKey("inside"));
    assertFalse(byName.containsKey("escaped"), "a Location target outside the roots is not read");
    for (String leak : List.of("absolute-leak", "climbing-leak", "symlink-leak", "environment-leak")) {
      assertFalse(byName.containsKey(leak), leak);
      assertTrue(result.messages().stream().anyMatch(m -> m.contains(leak) && m.contains("outside the catalog's file roots")),
          leak + ": " + result.messages());
    }
  }

  @Test
  void catalogFileRootsLetConfiguredFilesReadAnotherFolder(@TempDir Path tmp) throws Exception {
    Path catalog = Files.createDirectories(tmp.resolve("catalog"));
    Files.createDirectories(tmp.resolve("shared"));
    Files.writeString(tmp.resolve("shared/openapi.yaml"), "openapi: 3.1.0\n");
    Files.writeString(catalog.resolve("all.yaml"), entity("API", "shared-definition", "definition: {$text: ../shared/openapi.yaml}"));
    LocationSpec location = new LocationSpec("file", "catalog/all.yaml");
    Map<String, Object> locations = Map.of("locations", List.of(Map.of("type", "file", "target", "catalog/all.yaml")));

    LocationProcessor.Result confined = new LocationProcessor(List.of(FileLocationReader.fromConfig(Config.of(Map.of("catalog", locations)), tmp)), CatalogRules.defaults())
        .process(location);
    Map<String, Object> withShared = new java.util.HashMap<>(locations);
    withShared.put("fileRoots", List.of("shared"));
    LocationProcessor.Result shared = new LocationProcessor(List.of(FileLocationReader.fromConfig(Config.of(Map.of("catalog", withShared)), tmp)), CatalogRules.defaults())
        .process(location);

    assertEquals(1, confined.entities().size(), "only the generated Location: " + confined.messages());
    assertEquals("openapi: 3.1.0\n", shared.entities().get(1).at("/spec/definition").asText(), shared.messages().toString());
  }

  private static String entity(String kind, String name, String spec) {
    String type = kind.equals("API") ? "openapi" : "service";
    return "apiVersion: backstage.io/v1alpha1\nkind: " + kind + "\nmetadata: {name: " + name + "}\n"
        + "spec: {type: " + type + ", lifecycle: production, owner: team-a" + (spec.isEmpty() ? "" : ", " + spec) + "}\n";
  }
}
