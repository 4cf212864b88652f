package dev.backlot.techdocs.site;

import com.google.cloud.storage.StorageOptions;
import dev.backlot.platform.config.Config;
import java.nio.file.Path;

/**
 * Opens the sites where the platform's blob store keeps the plugin's objects: in GCP the docs
 * bucket ({@code blobStore.gcs.bucket}) under {@code techdocs/} (or {@code blobStore.gcs.prefix}),
 * which is the {@code --gcs-bucket-root-path} CI gives techdocs-cli; locally the folder
 * {@code <blobStore.folder.path>/techdocs}. Read here rather than through the platform's
 * BlobStore because sites are streamed, which that interface does not offer.
 */
public final class SiteStores {
  private SiteStores() {}

  public static SiteStore open(Config config, String pluginId) {
    Config blobStore = config.getOptionalConfig("blobStore").orElse(Config.empty());
    if (blobStore.has("gcs")) {
      Config gcs = blobStore.getConfig("gcs");
      return new GcsSiteStore(StorageOptions.getDefaultInstance().getService(), gcs.getString("bucket"),
          gcs.getOptionalString("prefix").orElse(pluginId));
    }
    String folder = blobStore.getOptionalString("folder.path").orElse(".backlot/blobs");
    return new FolderSiteStore(Path.of(folder).resolve(pluginId));
  }
}
