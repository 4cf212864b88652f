package dev.backlot.catalog.ingestion;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads {@code file} locations. Only locations from config are files (the API accepts only
 * {@code url} locations, as Backstage does), so the paths come from the operator, not callers.
 * Relative targets are resolved against {@code baseDir}, the folder holding app-config.yaml.
 */
public final class FileLocationReader implements LocationReader {
  private final Path baseDir;

  public FileLocationReader(Path baseDir) {
    this.baseDir = baseDir.toAbsolutePath().normalize();
  }

  @Override
  public boolean accepts(String type, String target) {
    return "file".equals(type);
  }

  @Override
  public String read(String type, String target) throws IOException {
    Path path = path(target);
    if (Files.size(path) > dev.backlot.catalog.model.EntityDocuments.MAX_BYTES) {
      throw new IOException(path + " is larger than " + dev.backlot.catalog.model.EntityDocuments.MAX_BYTES + " bytes");
    }
    return Files.readString(path);
  }

  @Override
  public String resolve(String base, String relative) {
    Path parent = path(base).getParent();
    return parent.resolve(relative).normalize().toString();
  }

  /** The absolute, normalised path of a target: what the managed-by annotations name. */
  public String canonical(String target) {
    return path(target).toString();
  }

  private Path path(String target) {
    return baseDir.resolve(target).normalize();
  }
}
