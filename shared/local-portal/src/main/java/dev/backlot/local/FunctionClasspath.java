package dev.backlot.local;

import dev.backlot.platform.manifest.PluginManifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The jars a built function runs from: its own jar, then its runtime dependencies. */
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
    try {
      for (String entry : Files.readString(dependencies).strip().split(java.io.File.pathSeparator)) {
        if (!entry.isBlank()) {
          classpath.add(Path.of(entry));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return List.copyOf(classpath);
  }
}
