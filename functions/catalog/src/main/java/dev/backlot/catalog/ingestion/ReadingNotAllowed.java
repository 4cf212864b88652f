package dev.backlot.catalog.ingestion;

import java.io.IOException;

/**
 * A read the catalog's own rules refuse before anything is asked of the source: {@code
 * backend.reading.allow}, the file roots, a placeholder's reach. Its message tells nothing about the
 * source, so it may be shown to whoever asked, unlike a source's own answer (missing, forbidden),
 * which would tell a private repository's existence.
 */
public final class ReadingNotAllowed extends IOException {
  public ReadingNotAllowed(String message) {
    super(message);
  }
}
