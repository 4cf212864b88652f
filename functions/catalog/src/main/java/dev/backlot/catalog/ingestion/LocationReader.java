package dev.backlot.catalog.ingestion;

import java.io.IOException;
import java.util.Optional;

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

  /**
   * Whether {@code target} is in the repository of {@code base} (each reader says what a repository
   * is to it), where the placeholders of the file at {@code base} may read without {@code
   * backend.reading.allow} naming the target.
   */
  boolean sameRepository(String base, String target);

  /**
   * Where {@code filename} is at the top of the repository {@code repositoryUrl} (a repository's
   * own page, such as {@code https://github.com/acme/payments}), when this reader knows that
   * kind of repository and which branch to look on; empty otherwise.
   */
  default Optional<String> fileInRepository(String repositoryUrl, String filename) throws IOException {
    return Optional.empty();
  }

  /**
   * Where {@code target} is edited in its source control ({@code backstage.io/edit-url}), when this
   * reader knows that kind of source control, as Backstage's SCM integrations do; empty otherwise.
   */
  default Optional<String> editUrl(String target) {
    return Optional.empty();
  }

  /**
   * The folder holding {@code target} in its source control, as {@code backstage.io/source-location}
   * names it (without the {@code url:}), when this reader knows that kind of source control.
   */
  default Optional<String> sourceFolder(String target) {
    return Optional.empty();
  }
}
