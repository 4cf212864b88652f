package dev.backlot.platform.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Maven builds exactly the plugins that have manifests: one module line per functions/<id>/plugin.yaml. */
class FunctionModulesTest {
  @Test
  void everyManifestHasAModuleAndEveryModuleAManifest() throws IOException {
    Path functions = RepoRoot.find().resolve("functions");
    TreeSet<String> manifests = new TreeSet<>();
    PluginManifests.load(functions).forEach(m -> manifests.add(m.id()));
    TreeSet<String> modules = new TreeSet<>();
    Matcher module = Pattern.compile("<module>([^<]+)</module>").matcher(Files.readString(functions.resolve("pom.xml")));
    while (module.find()) {
      modules.add(module.group(1).trim());
    }
    assertEquals(manifests, modules, "functions/pom.xml <modules> must list exactly the folders that hold a plugin.yaml");
  }
}
