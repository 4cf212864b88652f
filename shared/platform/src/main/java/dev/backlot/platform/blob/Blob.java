package dev.backlot.platform.blob;

import java.time.Instant;
import java.util.Map;

/** An object read back from a blob store. */
public record Blob(String key, byte[] content, String contentType, Map<String, String> metadata, Instant created) {
  public Blob {
    metadata = Map.copyOf(metadata);
  }

  public long size() {
    return content.length;
  }
}
