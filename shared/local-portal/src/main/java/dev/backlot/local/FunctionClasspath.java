package dev.backlot.local;

import dev.backlot.platform.manifest.PluginManifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The jars a built function runs from: its own jar, then its runtime dependencies, with the
 * Functions Framework invoker last. The invoker jar bundles unrelocated copies of Jackson, Gson
 * and Jetty; first on the class path they would shadow the function's own newer versions.
 */
public final class FunctionClasspath {
  private FunctionClasspath() {}

  /** Reads {@code functions/<id>/target/function.jar} and {@code runtime-classpath.txt}. */
  public static List<Path> of(Path functionsDir, PluginManifest manifest) {
    Path target = functionsDir.resolve(manifest.id()).resolve("target");
    Path jar = target.resolve("function.jar");
    Path dependencies = target.resolve("runtime-classpath.txt");
    if (!Files.isRegularFile(jar) || !Files.isRegularFile(dependencies)) {
      throw new IllegalStateException("Plugin " + manifest.id() + " is not built (no " + jar + " or " + dependencies
          + "); run ./mvnw -DskipTests package, or ./backlot start without --no-build");
    }
    List<Path> classpath = new ArrayList<>(List.of(jar));
    List<Path> invoker = new ArrayList<>();
    try {
      for (String entry : Files.readString(dependencies).strip().split(java.io.File.pathSeparator)) {
        if (entry.isBlank()) {
          continue;
        }
        Path path = Path.of(entry);
        (path.getFileName().toString().startsWith("java-function-invoker") ? invoker : classpath).add(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    classpath.addAll(invoker);
    return List.copyOf(classpath);
  }
}
