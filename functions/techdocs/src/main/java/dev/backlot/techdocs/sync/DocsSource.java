package dev.backlot.techdocs.sync;

import dev.backlot.techdocs.generator.GeneratorLimits;
import dev.backlot.techdocs.generator.SiteGenerator;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads an entity's docs source from the file system: {@code mkdocs.yml} in the folder its
 * {@code backstage.io/techdocs-ref} names, and the docs folder that file names. The folder must
 * lie below the folder of the entity's catalog file (which the catalog read from its file roots),
 * so an annotation cannot point the plugin at the rest of the file system; symbolic links are not
 * followed, and the generator's limits apply while reading, not after.
 */
final class DocsSource {
  private DocsSource() {}

  /** The folder {@code ref} ({@code dir:<relative>}) names next to {@code catalogFile}, or why not. */
  static Path folder(Path catalogFile, String ref) {
    if (!ref.startsWith("dir:")) {
      throw new IllegalArgumentException("techdocs-ref " + ref + " is not a dir: reference");
    }
    String relative = ref.substring("dir:".length()).strip();
    Path base = catalogFile.toAbsolutePath().normalize().getParent();
    if (relative.isEmpty() || relative.startsWith("/") || relative.contains("\\") || relative.contains("\0")) {
      throw new IllegalArgumentException("techdocs-ref " + ref + " must be a relative folder such as dir:.");
    }
    Path folder = base.resolve(relative).normalize();
    if (!folder.startsWith(base)) {
      throw new IllegalArgumentException("techdocs-ref " + ref + " leaves the folder of the entity's catalog file");
    }
    return folder;
  }

  /** mkdocs.yml and the docs folder's files, by path below {@code folder}. */
  static Map<String, byte[]> read(Path folder, GeneratorLimits limits) throws IOException {
    Path config = folder.resolve(SiteGenerator.CONFIG_FILE);
    if (!Files.isRegularFile(config, LinkOption.NOFOLLOW_LINKS)) {
      throw new IllegalArgumentException("no " + SiteGenerator.CONFIG_FILE + " in " + folder.getFileName());
    }
    Map<String, byte[]> files = new TreeMap<>();
    byte[] configBytes = readBounded(config, limits.maxPageBytes());
    files.put(SiteGenerator.CONFIG_FILE, configBytes);
    Path docs = folder.resolve(SiteGenerator.docsDir(configBytes)).normalize();
    if (!docs.startsWith(folder) || !Files.isDirectory(docs, LinkOption.NOFOLLOW_LINKS)) {
      throw new IllegalArgumentException("the docs folder of " + folder.getFileName() + " is missing or outside it");
    }
    long[] total = {0};
    Files.walkFileTree(docs, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
        if (!attributes.isRegularFile()) {
          return FileVisitResult.CONTINUE;
        }
        if (files.size() > limits.maxFiles()) {
          throw new IllegalArgumentException("the docs folder has more than " + limits.maxFiles() + " files");
        }
        total[0] += attributes.size();
        if (total[0] > limits.maxSiteBytes()) {
          throw new IllegalArgumentException("the docs folder holds more than " + limits.maxSiteBytes() + " bytes");
        }
        files.put(folder.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
        return FileVisitResult.CONTINUE;
      }
    });
    return files;
  }

  private static byte[] readBounded(Path file, long max) throws IOException {
    if (Files.size(file) > max) {
      throw new IllegalArgumentException(file.getFileName() + " is larger than " + max + " bytes");
    }
    return Files.readAllBytes(file);
  }
}
