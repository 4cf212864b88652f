package dev.backlot.techdocs.site;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * The docs sites, in the layout Backstage's publishers write: {@code <namespace>/<kind>/<name>/}
 * holding the built site and its {@code techdocs_metadata.json}. Reads stream; nothing here holds
 * a whole file in memory. Keys are relative to the store's root (the bucket's {@code techdocs/}
 * prefix, or the local folder).
 */
public interface SiteStore {
  /** Opens a stored file's content, once per request. */
  @FunctionalInterface
  interface Opener {
    InputStream open() throws IOException;
  }

  /**
   * A stored file: what the answer's headers need, and its content as a stream.
   *
   * @param etag a strong validator for the exact content (the object's generation, or size and modification time)
   */
  record StoredFile(long size, String etag, Opener opener) {
    public InputStream open() throws IOException {
      return opener.open();
    }
  }

  Optional<StoredFile> find(String key) throws IOException;

  void write(String key, byte[] content, String contentType) throws IOException;

  /** The keys below {@code prefix} (which ends in '/'), sorted. */
  List<String> list(String prefix) throws IOException;

  void delete(String key) throws IOException;
}
