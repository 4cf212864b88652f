package dev.backlot.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlot.platform.manifest.PluginManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FunctionClasspathTest {
  private static final PluginManifest MANIFEST = new PluginManifest("sample", "x.Sample", "/api/sample", false, false,
      List.of(), List.of(), "/healthcheck", List.of(), PluginManifest.Resources.DEFAULT);

  @Test
  void theFunctionJarComesFirstAndTheInvokerLast(@TempDir Path functions) throws Exception {
    Path target = Files.createDirectories(functions.resolve("sample/target"));
    Files.writeString(target.resolve("function.jar"), "");
    Files.writeString(target.resolve("runtime-classpath.txt"),
        "/m2/java-function-invoker-2.0.0.jar:/m2/jackson-databind-2.22.4.jar:/m2/backlot-platform.jar\n");
    assertEquals(List.of(target.resolve("function.jar"), Path.of("/m2/jackson-databind-2.22.4.jar"),
            Path.of("/m2/backlot-platform.jar"), Path.of("/m2/java-function-invoker-2.0.0.jar")),
        FunctionClasspath.of(functions, MANIFEST));
  }

  @Test
  void anUnbuiltPluginSaysHowToBuildIt(@TempDir Path functions) {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> FunctionClasspath.of(functions, MANIFEST));
    assertTrue(e.getMessage().contains("not built") && e.getMessage().contains("./mvnw"), e.getMessage());
  }
}
