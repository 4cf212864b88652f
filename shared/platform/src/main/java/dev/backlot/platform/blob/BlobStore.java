package dev.backlot.platform.blob;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Objects by key: Cloud Storage in GCP, a folder locally. Keys are validated by {@link BlobKeys}
 * in both, so a key that could escape the bucket or folder never reaches either.
 */
public interface BlobStore {
  void put(String key, byte[] content, String contentType, Map<String, String> metadata);

  Optional<Blob> get(String key);

  boolean exists(String key);

  /** Deletes the object; false when there was none. */
  boolean delete(String key);

  /** The keys that start with {@code prefix}, sorted. */
  List<String> list(String prefix);
}
