package dev.backlot.platform.blob;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.backlot.platform.http.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Objects as files under a folder, for local runs. Content type and metadata live in a sidecar
 * {@code .meta.json}; writes go through a temp file and an atomic move, so readers never see half
 * an object.
 */
public final class FolderBlobStore implements BlobStore {
  private static final String META = ".meta.json";
  private final Path root;

  public FolderBlobStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  private Path path(String key) {
    Path path = root.resolve(BlobKeys.check(key)).normalize();
    if (!path.startsWith(root) || path.getFileName().toString().endsWith(META)) {
      throw new IllegalArgumentException("blob key escapes the store or names a metadata file: " + key);
    }
    return path;
  }

  @Override
  public void put(String key, byte[] content, String contentType, Map<String, String> metadata) {
    Path path = path(key);
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("contentType", contentType);
    meta.put("metadata", metadata);
    meta.put("created", Instant.now().toString());
    try {
      Files.createDirectories(path.getParent());
      write(sidecar(path), Json.bytes(meta));
      write(path, content);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write blob " + key, e);
    }
  }

  private static void write(Path target, byte[] bytes) throws IOException {
    Path temp = Files.createTempFile(target.getParent(), ".tmp-", "");
    try {
      Files.write(temp, bytes);
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static Path sidecar(Path path) {
    return path.resolveSibling(path.getFileName() + META);
  }

  @Override
  public Optional<Blob> get(String key) {
    Path path = path(key);
    try {
      byte[] content = Files.readAllBytes(path);
      Map<String, Object> meta = Files.exists(sidecar(path))
          ? Json.MAPPER.readValue(Files.readAllBytes(sidecar(path)), new TypeReference<Map<String, Object>>() {})
          : Map.of();
      @SuppressWarnings("unchecked")
      Map<String, String> metadata = (Map<String, String>) meta.getOrDefault("metadata", Map.of());
      Instant created = meta.containsKey("created") ? Instant.parse((String) meta.get("created")) : Files.getLastModifiedTime(path).toInstant();
      return Optional.of(new Blob(key, content, (String) meta.get("contentType"), metadata, created));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read blob " + key, e);
    }
  }

  @Override
  public boolean exists(String key) {
    return Files.isRegularFile(path(key));
  }

  @Override
  public boolean delete(String key) {
    Path path = path(key);
    try {
      Files.deleteIfExists(sidecar(path));
      return Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete blob " + key, e);
    }
  }

  @Override
  public List<String> list(String prefix) {
    BlobKeys.checkPrefix(prefix);
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile)
          .map(p -> root.relativize(p).toString().replace('\\', '/'))
          .filter(k -> !k.endsWith(META) && !k.contains("/.tmp-") && !k.startsWith(".tmp-") && k.startsWith(prefix))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list blobs", e);
    }
  }
}
