package dev.backlot.catalog.ingestion;

import java.io.IOException;
import java.util.function.Function;

/**
 * Reads what the placeholders of a file name. A placeholder reaches its own file's repository
 * (for GitHub the same host, owner and repository; see each reader's {@link
 * LocationReader#sameRepository}) and, beyond it, only targets {@code backend.reading.allow} names.
 * Without that bound, whoever can put a catalog file before the catalog (a dry run, an analysis, a
 * repository an admin registers) could have it read, with the integration's credentials, files of
 * repositories they cannot see, and publish them in an entity.
 */
final class PlaceholderReader {
  private final Function<LocationSpec, LocationReader> readers;
  private final ReadingAllowList allowList;

  PlaceholderReader(Function<LocationSpec, LocationReader> readers, ReadingAllowList allowList) {
    this.readers = readers;
    this.allowList = allowList;
  }

  /** What {@code value}, written in {@code file}, names: relative to the file's folder, or absolute. */
  String target(LocationSpec file, String value) {
    return readers.apply(file).resolve(file.target(), value);
  }

  /** The text at {@code target} for a placeholder in {@code file}, refused outside the placeholder's reach. */
  String read(LocationSpec file, String target) throws IOException {
    LocationReader own = readers.apply(file);
    LocationSpec named = new LocationSpec(file.type(), target);
    LocationReader reader = readers.apply(named);
    // The same reader too: a generic URL reader's origin may be a GitHub host, whose reader has credentials.
    boolean inRepository = reader == own && own.sameRepository(file.target(), target);
    if (!inRepository && !allowList.allows(target)) {
      throw new ReadingNotAllowed(target + " is outside the repository of " + file.target()
          + "; a placeholder reads elsewhere only what backend.reading.allow names");
    }
    return reader.read(named.type(), target);
  }
}
