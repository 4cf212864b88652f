package dev.backlot.platform.blob;

import com.google.api.gax.paging.Page;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Objects in a Cloud Storage bucket, optionally under a key prefix. */
public final class GcsBlobStore implements BlobStore {
  private final Storage storage;
  private final String bucket;
  private final String prefix;

  public GcsBlobStore(Storage storage, String bucket, String prefix) {
    this.storage = storage;
    this.bucket = bucket;
    this.prefix = prefix == null || prefix.isEmpty() ? "" : BlobKeys.checkPrefix(prefix.endsWith("/") ? prefix : prefix + "/");
  }

  /** With application default credentials: the service's own identity on Cloud Run. */
  public static GcsBlobStore forBucket(String bucket, String prefix) {
    return new GcsBlobStore(StorageOptions.getDefaultInstance().getService(), bucket, prefix);
  }

  private BlobId id(String key) {
    return BlobId.of(bucket, prefix + BlobKeys.check(key));
  }

  @Override
  public void put(String key, byte[] content, String contentType, Map<String, String> metadata) {
    storage.create(BlobInfo.newBuilder(id(key)).setContentType(contentType).setMetadata(metadata).build(), content);
  }

  @Override
  public Optional<Blob> get(String key) {
    com.google.cloud.storage.Blob blob = storage.get(id(key));
    if (blob == null) {
      return Optional.empty();
    }
    Instant created = blob.getCreateTimeOffsetDateTime() == null ? Instant.EPOCH : blob.getCreateTimeOffsetDateTime().toInstant();
    return Optional.of(new Blob(key, blob.getContent(), blob.getContentType(),
        blob.getMetadata() == null ? Map.of() : blob.getMetadata(), created));
  }

  @Override
  public boolean exists(String key) {
    return storage.get(id(key)) != null;
  }

  @Override
  public boolean delete(String key) {
    return storage.delete(id(key));
  }

  @Override
  public List<String> list(String keyPrefix) {
    BlobKeys.checkPrefix(keyPrefix);
    List<String> keys = new ArrayList<>();
    Page<com.google.cloud.storage.Blob> page = storage.list(bucket, Storage.BlobListOption.prefix(prefix + keyPrefix));
    for (com.google.cloud.storage.Blob blob : page.iterateAll()) {
      keys.add(blob.getName().substring(prefix.length()));
    }
    keys.sort(null);
    return keys;
  }
}
