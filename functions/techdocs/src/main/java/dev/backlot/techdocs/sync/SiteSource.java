package dev.backlot.techdocs.sync;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * Where an entity's docs source is, for the generator: a folder next to a {@code file:} catalog
 * file, or a folder of a GitHub repository. {@link #version()} is asked first and decides whether
 * the site is rebuilt, so it is as cheap as the source allows (the folder's tree SHA on GitHub);
 * {@link #files()} is read only for a build.
 */
interface SiteSource {
  /** The source's version, a SHA-256 in hex: kept as the site's {@code etag}, the same exactly when the site would be. */
  String version() throws IOException;

  /** {@code mkdocs.yml} and the files of its docs folder, by path below the folder holding {@code mkdocs.yml}. */
  Map<String, byte[]> files() throws IOException;

  /** Where the source folder is edited, for "edit this page", when the source knows. */
  Optional<String> editBase();
}
