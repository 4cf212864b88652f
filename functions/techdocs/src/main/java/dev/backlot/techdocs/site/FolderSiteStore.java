package dev.backlot.techdocs.site;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Sites as plain files under a folder, for the local portal: the same tree {@code techdocs-cli}
 * or mkdocs writes, so a built site can be copied in by hand. Writes go through a temp file and an
 * atomic move, so a reader never sees half a page.
 */
public final class FolderSiteStore implements SiteStore {
  private static final String TEMP_PREFIX = ".tmp-";
  private final Path root;

  public FolderSiteStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  private Path path(String key) {
    Path path = root.resolve(DocPath.checked(key)).normalize();
    // DocPath admits no '..' already; this second check is what a later change must not lose.
    if (!path.startsWith(root)) {
      throw new IllegalArgumentException("key escapes the store: " + Printable.of(key));
    }
    return path;
  }

  @Override
  public Optional<StoredFile> find(String key) throws IOException {
    Path path = path(key);
    BasicFileAttributes attributes;
    try {
      // Symbolic links are not followed: a link in a copied site must not reach outside it.
      attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    if (!attributes.isRegularFile()) {
      return Optional.empty();
    }
    long size = attributes.size();
    String etag = Long.toHexString(size) + "-" + Long.toHexString(attributes.lastModifiedTime().toMillis());
    return Optional.of(new StoredFile(size, etag, () -> Files.newInputStream(path, LinkOption.NOFOLLOW_LINKS)));
  }

  @Override
  public void write(String key, byte[] content, String contentType) throws IOException {
    Path target = path(key);
    Files.createDirectories(target.getParent());
    Path temp = Files.createTempFile(target.getParent(), TEMP_PREFIX, "");
    try {
      Files.write(temp, content);
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  @Override
  public List<String> list(String prefix) throws IOException {
    Path folder = path(prefix + "x").getParent();
    if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
          .filter(p -> !p.getFileName().toString().startsWith(TEMP_PREFIX))
          .map(p -> root.relativize(p).toString().replace('\\', '/'))
          .sorted()
          .toList();
    }
  }

  @Override
  public void delete(String key) throws IOException {
    Files.deleteIfExists(path(key));
  }
}
