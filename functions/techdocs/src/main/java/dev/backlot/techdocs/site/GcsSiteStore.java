package dev.backlot.techdocs.site;

import com.google.cloud.ReadChannel;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Sites in the docs bucket under a root path (Backstage's {@code bucketRootPath}), where
 * {@code techdocs-cli publish --publisher-type googleGcs} writes them. A file is read at the
 * generation its metadata named, so the ETag sent always matches the bytes streamed after it.
 */
public final class GcsSiteStore implements SiteStore {
  /** Chunks read from Cloud Storage at a time: what a request holds in memory, whatever the file's size. */
  static final int CHUNK_BYTES = 256 * 1024;

  private final Supplier<Storage> client;
  private Storage storage;
  private final String bucket;
  private final String rootPath;

  public GcsSiteStore(Storage storage, String bucket, String rootPath) {
    this(() -> storage, bucket, rootPath);
  }

  /** With the client made on first use: a cold start that serves only the health check never builds it. */
  GcsSiteStore(Supplier<Storage> client, String bucket, String rootPath) {
    this.client = client;
    this.bucket = bucket;
    String root = rootPath == null ? "" : rootPath.replaceAll("^/+|/+$", "");
    this.rootPath = root.isEmpty() ? "" : root + "/";
  }

  private synchronized Storage storage() {
    if (storage == null) {
      storage = client.get();
    }
    return storage;
  }

  private String name(String key) {
    return rootPath + DocPath.checked(key);
  }

  @Override
  public Optional<StoredFile> find(String key) {
    Blob blob = storage().get(BlobId.of(bucket, name(key)));
    if (blob == null) {
      return Optional.empty();
    }
    BlobId exact = BlobId.of(bucket, blob.getName(), blob.getGeneration());
    long size = blob.getSize() == null ? 0 : blob.getSize();
    String etag = blob.getGeneration() != null ? Long.toHexString(blob.getGeneration())
        : String.valueOf(blob.getMd5ToHexString()) + "-" + Long.toHexString(size);
    return Optional.of(new StoredFile(size, etag, () -> {
      ReadChannel reader = storage().reader(exact);
      reader.setChunkSize(CHUNK_BYTES);
      return Channels.newInputStream(reader);
    }));
  }

  @Override
  public void write(String key, byte[] content, String contentType) {
    storage().create(BlobInfo.newBuilder(BlobId.of(bucket, name(key))).setContentType(contentType).build(), content);
  }

  @Override
  public List<String> list(String prefix) {
    List<String> keys = new ArrayList<>();
    for (Blob blob : storage().list(bucket, Storage.BlobListOption.prefix(rootPath + prefix)).iterateAll()) {
      keys.add(blob.getName().substring(rootPath.length()));
    }
    keys.sort(null);
    return keys;
  }

  @Override
  public void delete(String key) {
    storage().delete(BlobId.of(bucket, name(key)));
  }
}
