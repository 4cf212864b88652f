package dev.backlot.platform.blob;

import dev.backlot.platform.config.Config;
import java.nio.file.Path;

/** Opens the blob store from config: {@code blobStore.gcs.bucket} in GCP, else a local folder. */
public final class BlobStores {
  private BlobStores() {}

  public static BlobStore open(Config blobStore, String pluginId) {
    if (blobStore.has("gcs")) {
      Config gcs = blobStore.getConfig("gcs");
      return GcsBlobStore.forBucket(gcs.getString("bucket"), gcs.getOptionalString("prefix").orElse(pluginId));
    }
    String folder = blobStore.getOptionalString("folder.path").orElse(".backlot/blobs");
    return new FolderBlobStore(Path.of(folder).resolve(pluginId));
  }
}
