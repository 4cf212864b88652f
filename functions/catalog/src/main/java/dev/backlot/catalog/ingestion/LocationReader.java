package dev.backlot.catalog.ingestion;

import java.io.IOException;

/**
 * Reads the text a location points at. The SPI through which integrations (GitHub, generic URLs)
 * plug into ingestion: the first reader that accepts a location reads it.
 */
public interface LocationReader {
  boolean accepts(String type, String target);

  /** The text at {@code target}; a failure here never deletes what the location gave before. */
  String read(String type, String target) throws IOException;

  /** {@code relative} resolved against {@code base}, a target this reader accepts. */
  String resolve(String base, String relative);
}
