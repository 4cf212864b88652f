package dev.backlot.techdocs.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.platform.http.Json;
import dev.backlot.techdocs.generator.GeneratedSite;
import dev.backlot.techdocs.site.ContentTypes;
import dev.backlot.techdocs.site.SiteMetadata;
import dev.backlot.techdocs.site.SiteStore;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Writes a built site into the store as Backstage's publishers do: every file first, then
 * {@code techdocs_metadata.json} (the commit point readers look for), then the files of the
 * previous build that this one no longer has.
 */
final class SitePublisher {
  private final SiteStore sites;
  private final Clock clock;

  SitePublisher(SiteStore sites, Clock clock) {
    this.sites = sites;
    this.clock = clock;
  }

  /** What is published in a folder: whether a site is, and its {@code etag}, if it has one. */
  record Published(boolean exists, Optional<String> etag) {
    /** A site the generator did not build (its etag is none of its hashes): techdocs-cli published it from CI. */
    boolean byCi() {
      return exists && !etag.filter(SourceHash::isGenerated).isPresent();
    }
  }

  /** The site published in {@code folder}; an unreadable {@code techdocs_metadata.json} counts as CI's. */
  Published published(String folder) throws IOException {
    Optional<SiteStore.StoredFile> metadata = sites.find(folder + "/" + SiteMetadata.FILE);
    if (metadata.isEmpty()) {
      return new Published(false, Optional.empty());
    }
    if (metadata.get().size() > SiteMetadata.MAX_BYTES) {
      return new Published(true, Optional.empty());
    }
    try (InputStream in = metadata.get().open()) {
      JsonNode etag = SiteMetadata.parse(in.readAllBytes()).path("etag");
      return new Published(true, etag.isTextual() ? Optional.of(etag.asText()) : Optional.empty());
    } catch (IllegalArgumentException e) {
      return new Published(true, Optional.empty());
    }
  }

  void publish(String folder, GeneratedSite site, String etag) throws IOException {
    for (Map.Entry<String, byte[]> file : site.files().entrySet()) {
      sites.write(folder + "/" + file.getKey(), file.getValue(), ContentTypes.of(file.getKey()));
    }
    ObjectNode metadata = Json.object().put("site_name", site.siteName()).put("site_description", site.siteDescription())
        .put("etag", etag).put("build_timestamp", clock.millis());
    ArrayNode files = metadata.putArray("files");
    site.files().keySet().forEach(files::add);
    sites.write(folder + "/" + SiteMetadata.FILE, Json.bytes(metadata), ContentTypes.of(SiteMetadata.FILE));
    Set<String> kept = site.files().keySet();
    for (String key : sites.list(folder + "/")) {
      String path = key.substring(folder.length() + 1);
      if (!kept.contains(path) && !path.equals(SiteMetadata.FILE)) {
        sites.delete(key);
      }
    }
  }
}
