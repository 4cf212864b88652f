package dev.backlot.techdocs.site;

import com.google.cloud.NoCredentials;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import java.net.URI;
import java.util.Optional;
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
      Optional<String> host = gcs.getOptionalString("host");
      return new GcsSiteStore(() -> storage(host), gcs.getString("bucket"), gcs.getOptionalString("prefix").orElse(pluginId));
    }
    String folder = blobStore.getOptionalString("folder.path").orElse(".backlot/blobs");
    return new FolderSiteStore(Path.of(folder).resolve(pluginId));
  }

  /**
   * Google's Cloud Storage with the service's own identity, or a stand-in at {@code
   * blobStore.gcs.host} (the compatibility test's, where techdocs-cli publishes too); a loopback
   * stand-in gets no credentials, as the Node client's STORAGE_EMULATOR_HOST sends none.
   */
  static Storage storage(Optional<String> host) {
    if (host.isEmpty()) {
      return StorageOptions.getDefaultInstance().getService();
    }
    URI uri = URI.create(host.get());
    StorageOptions.Builder options = StorageOptions.http().setHost(host.get()).setProjectId("backlot");
    if (uri.getHost() != null && (uri.getHost().equals("127.0.0.1") || uri.getHost().equals("localhost") || uri.getHost().equals("[::1]"))) {
      options.setCredentials(NoCredentials.getInstance());
    }
    return options.build().getService();
  }
}
