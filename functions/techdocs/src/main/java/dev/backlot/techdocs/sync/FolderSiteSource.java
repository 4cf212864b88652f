package dev.backlot.techdocs.sync;

import dev.backlot.techdocs.generator.GeneratorLimits;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** A docs folder next to a {@code file:} catalog file: read whole to learn its version, since hashing it is the only way to know. */
final class FolderSiteSource implements SiteSource {
  private final Path folder;
  private final GeneratorLimits limits;
  private Map<String, byte[]> files;

  FolderSiteSource(Path catalogFile, String ref, GeneratorLimits limits) {
    this.folder = DocsSource.folder(catalogFile, ref);
    this.limits = limits;
  }

  @Override
  public String version() throws IOException {
    return SourceHash.of(files());
  }

  @Override
  public Map<String, byte[]> files() throws IOException {
    if (files == null) {
      files = DocsSource.read(folder, limits);
    }
    return files;
  }

  @Override
  public Optional<String> editBase() {
    return Optional.empty();
  }
}
