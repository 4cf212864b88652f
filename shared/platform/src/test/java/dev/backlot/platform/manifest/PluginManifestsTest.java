package dev.backlot.platform.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginManifestsTest {
  static Path fixture(String name) {
    try {
      return Path.of(PluginManifestsTest.class.getResource("/manifest/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void write(Path functions, String folder, String yaml) throws IOException {
    Path dir = Files.createDirectories(functions.resolve(folder));
    Files.writeString(dir.resolve(PluginManifests.FILE_NAME), yaml);
  }

  @Test
  void loadsEveryPluginFolderSortedById() {
    List<PluginManifest> manifests = PluginManifests.load(fixture("functions"));

    assertEquals(
        List.of("catalog", "scaffolder", "search", "software-templates-and-scaffolding-tasks", "techdocs"),
        manifests.stream().map(PluginManifest::id).toList());
    PluginManifest techdocs = manifests.get(4);
    assertTrue(techdocs.blobStore());
    assertEquals("1Gi", techdocs.resources().memory());
  }

  @Test
  void foldersWithoutPluginYamlAndFilesAreIgnored() {
    Path functions = fixture("functions");
    assertTrue(Files.isRegularFile(functions.resolve("notes/README.md")), "fixture has a folder without plugin.yaml");
    assertTrue(Files.isRegularFile(functions.resolve("README.md")), "fixture has a top-level file");

    assertTrue(PluginManifests.load(functions).stream().noneMatch(m -> m.id().equals("notes")));
  }

  @Test
  void outputIsSortedWhateverTheCreationOrder(@TempDir Path functions) throws IOException {
    for (String id : List.of("zeta", "alpha", "mid-one", "beta")) {
      write(functions, id, "id: " + id + "\nentryPoint: dev.backlot.X\n");
    }

    assertEquals(
        List.of("alpha", "beta", "mid-one", "zeta"),
        PluginManifests.load(functions).stream().map(PluginManifest::id).toList());
  }

  @Test
  void routePrefixesAreUnique() {
    List<PluginManifest> manifests = PluginManifests.load(fixture("functions"));
    Set<String> prefixes = new HashSet<>();

    manifests.forEach(m -> assertTrue(prefixes.add(m.routePrefix()), m.routePrefix()));
  }

  @Test
  void idMustEqualItsFolderName() {
    Path functions = fixture("functions-id-mismatch");

    InvalidManifestException e = assertThrows(InvalidManifestException.class, () -> PluginManifests.load(functions));

    assertTrue(e.getMessage().contains(functions.resolve("catalog").resolve("plugin.yaml").toString()), e.getMessage());
    assertTrue(e.getMessage().contains("id 'catalogue' must equal its folder name 'catalog'"), e.getMessage());
  }

  /**
   * Two plugins cannot share a route prefix: the prefix must be /api/&lt;id&gt;, the id must be
   * the folder name, and folder names are unique. A copied plugin folder (the usual way to get a
   * duplicate) is therefore reported by its id, before any prefix could collide.
   */
  @Test
  void aCopiedPluginFolderIsRejectedBeforeItsPrefixCouldCollide(@TempDir Path functions) throws IOException {
    String catalog = "id: catalog\nentryPoint: dev.backlot.catalog.CatalogFunction\nroutePrefix: /api/catalog\n";
    write(functions, "catalog", catalog);
    write(functions, "catalog-copy", catalog);

    InvalidManifestException e = assertThrows(InvalidManifestException.class, () -> PluginManifests.load(functions));

    assertTrue(e.getMessage().contains("catalog-copy"), e.getMessage());
    assertTrue(e.getMessage().contains("id 'catalog' must equal its folder name 'catalog-copy'"), e.getMessage());
  }

  @Test
  void anInvalidManifestIsReportedWithItsPath(@TempDir Path functions) throws IOException {
    write(functions, "catalog", "id: catalog\nentryPoint: dev.backlot.catalog.CatalogFunction\n");
    write(functions, "scaffolder", "id: scaffolder\nentryPoint: dev.backlot.S\ndatabse: true\n");

    InvalidManifestException e = assertThrows(InvalidManifestException.class, () -> PluginManifests.load(functions));

    String file = functions.resolve("scaffolder").resolve("plugin.yaml").toString();
    assertTrue(e.getMessage().startsWith(file + ": databse unknown key"), e.getMessage());
  }

  @Test
  void anEmptyFunctionsDirectoryHasNoPlugins(@TempDir Path functions) {
    assertEquals(List.of(), PluginManifests.load(functions));
  }

  @Test
  void aMissingFunctionsDirectoryIsAnError(@TempDir Path dir) {
    Path missing = dir.resolve("functions");

    InvalidManifestException e = assertThrows(InvalidManifestException.class, () -> PluginManifests.load(missing));

    assertEquals(missing + ": no such functions directory", e.getMessage());
  }

  @Test
  void aFileInsteadOfTheFunctionsDirectoryIsAnError(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("functions"), "not a directory");

    InvalidManifestException e = assertThrows(InvalidManifestException.class, () -> PluginManifests.load(file));

    assertTrue(e.getMessage().endsWith("no such functions directory"), e.getMessage());
  }

  @Test
  void theRepositorysOwnManifestsAreValid() {
    Path functions = RepoRoot.find().resolve("functions");

    List<PluginManifest> manifests = PluginManifests.load(functions);

    for (PluginManifest m : manifests) {
      assertEquals("/api/" + m.id(), m.routePrefix());
      assertTrue(Files.isDirectory(functions.resolve(m.id())), m.id());
    }
  }
}
