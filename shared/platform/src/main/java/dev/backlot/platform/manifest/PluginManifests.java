package dev.backlot.platform.manifest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Every {@code <functionsDir>/<id>/plugin.yaml}, validated together. */
public final class PluginManifests {
  public static final String FILE_NAME = "plugin.yaml";

  private PluginManifests() {}

  /**
   * Loads the manifests under {@code functionsDir}, sorted by id. Each file's id must equal its
   * folder name, and no two plugins may share an id or route prefix.
   */
  public static List<PluginManifest> load(Path functionsDir) {
    List<PluginManifest> manifests = new ArrayList<>();
    Map<String, Path> byPrefix = new HashMap<>();
    for (Path file : manifestFiles(functionsDir)) {
      PluginManifest manifest;
      try (InputStream in = Files.newInputStream(file)) {
        manifest = PluginManifestParser.parse(in, file.toString());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
      String folder = file.getParent().getFileName().toString();
      if (!manifest.id().equals(folder)) {
        throw new InvalidManifestException(
            file + ": id '" + manifest.id() + "' must equal its folder name '" + folder + "'");
      }
      Path other = byPrefix.putIfAbsent(manifest.routePrefix(), file);
      if (other != null) {
        throw new InvalidManifestException(
            file + ": routePrefix '" + manifest.routePrefix() + "' is already used by " + other);
      }
      manifests.add(manifest);
    }
    return List.copyOf(manifests);
  }

  private static List<Path> manifestFiles(Path functionsDir) {
    if (!Files.isDirectory(functionsDir)) {
      throw new InvalidManifestException(functionsDir + ": no such functions directory");
    }
    try (Stream<Path> dirs = Files.list(functionsDir)) {
      return dirs.filter(Files::isDirectory)
          .map(dir -> dir.resolve(FILE_NAME))
          .filter(Files::isRegularFile)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + functionsDir, e);
    }
  }
}
