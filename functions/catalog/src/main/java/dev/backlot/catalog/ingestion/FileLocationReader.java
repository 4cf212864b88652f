package dev.backlot.catalog.ingestion;

import dev.backlot.platform.config.Config;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code file} locations. Only locations from config are files (the API accepts only
 * {@code url} locations, as Backstage does), but what those files name (Location targets,
 * placeholders) is written by whoever commits to them, so every read is confined to the file roots:
 * the folders of the configured file locations and {@code catalog.fileRoots}. A path that leaves
 * them, by {@code ..}, absolutely ({@code /proc/self/environ}) or through a symlink, is refused.
 * Relative targets are resolved against {@code baseDir}, the folder holding app-config.yaml.
 */
public final class FileLocationReader implements LocationReader {
  private final Path baseDir;
  private final List<Path> roots;
  private final FileSizeLimit limit;

  /** Reads files under {@code roots} (relative ones resolved against {@code baseDir}), none larger than {@code limit}. */
  public FileLocationReader(Path baseDir, List<Path> roots, FileSizeLimit limit) {
    this.baseDir = baseDir.toAbsolutePath().normalize();
    this.roots = roots.stream().map(root -> this.baseDir.resolve(root).normalize()).toList();
    this.limit = limit;
  }

  /** The roots of {@code config}: the folder of each file location in {@code catalog.locations}, and {@code catalog.fileRoots}. */
  public static FileLocationReader fromConfig(Config config, Path baseDir) {
    List<Path> roots = new ArrayList<>();
    for (Config location : config.getOptionalConfigList("catalog.locations").orElse(List.of())) {
      if (location.getString("type").equals("file")) {
        roots.add(baseDir.toAbsolutePath().resolve(location.getString("target")).normalize().getParent());
      }
    }
    config.getOptionalStringList("catalog.fileRoots").orElse(List.of()).forEach(root -> roots.add(Path.of(root)));
    return new FileLocationReader(baseDir, roots, FileSizeLimit.fromConfig(config));
  }

  @Override
  public boolean accepts(String type, String target) {
    return "file".equals(type);
  }

  @Override
  public String read(String type, String target) throws IOException {
    Path path = confined(target);
    limit.check(path.toString(), Files.size(path));
    // Read through the limit too: the file may grow between its size and its reading.
    try (InputStream in = Files.newInputStream(path)) {
      return limit.read(path.toString(), in, -1);
    }
  }

  @Override
  public String resolve(String base, String relative) {
    Path parent = path(base).getParent();
    return parent.resolve(relative).normalize().toString();
  }

  /** The file roots are the one repository of files: every read, a placeholder's too, is confined to them. */
  @Override
  public boolean sameRepository(String base, String target) {
    return true;
  }

  /** The absolute, normalised path of a target: what the managed-by annotations name. */
  public String canonical(String target) {
    return path(target).toString();
  }

  /**
   * The real path of {@code target} (symlinks followed), if it is under a root. The path as written
   * is checked first, so a refusal says nothing of whether a file outside the roots exists.
   */
  private Path confined(String target) throws IOException {
    Path path = path(target);
    if (roots.stream().anyMatch(path::startsWith)) {
      Path real = path.toRealPath();
      for (Path root : roots) {
        if (Files.isDirectory(root) && real.startsWith(root.toRealPath())) {
          return real;
        }
      }
    }
    throw new ReadingNotAllowed(target + " is outside the catalog's file roots (the folders of catalog.locations' file "
        + "targets, and catalog.fileRoots)");
  }

  private Path path(String target) {
    return baseDir.resolve(target).normalize();
  }
}
