package dev.backlot.apidocs.routes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlot.apidocs.diff.BreakingChanges;
import dev.backlot.apidocs.diff.DiffReport;
import dev.backlot.apidocs.diff.DiffTooLargeException;
import dev.backlot.apidocs.storage.DefinitionStore;
import dev.backlot.apidocs.storage.VersionInfo;
import dev.backlot.apidocs.validation.DefinitionTooLargeException;
import dev.backlot.apidocs.validation.DefinitionValidator;
import dev.backlot.apidocs.validation.UnreadableDefinitionException;
import dev.backlot.platform.blob.BlobStore;
import dev.backlot.platform.http.HttpError;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Compares stored versions (or a proposal with one) of the same format: reads each within the
 * plugin's limits and answers the errors callers get when they cannot be compared.
 */
final class VersionComparison {
  private final DefinitionStore store;
  private final DefinitionValidator validator;
  private final JsonForms jsonForms;
  private final BreakingChanges breakingChanges = new BreakingChanges();

  VersionComparison(DefinitionStore store, DefinitionValidator validator, BlobStore blobs) {
    this.store = store;
    this.validator = validator;
    this.jsonForms = new JsonForms(blobs, validator);
  }

  DiffReport compare(VersionInfo from, VersionInfo to) {
    if (!from.format().equals(to.format())) {
      throw new HttpError(422, "InputError", "Version " + from.version() + " is " + from.format() + " and version " + to.version()
          + " is " + to.format() + "; only versions of the same format can be compared");
    }
    if (from.format().equals("graphql")) {
      return compare(() -> breakingChanges.compareGraphql(sdl(from), sdl(to)));
    }
    return compare(() -> breakingChanges.compare(tree(from), tree(to)));
  }

  /** {@code proposed} read as {@code against}'s format. */
  DiffReport compare(VersionInfo against, byte[] proposed) {
    if (against.format().equals("graphql")) {
      return compare(() -> breakingChanges.compareGraphql(sdl(against), new String(proposed, StandardCharsets.UTF_8)));
    }
    return compare(() -> breakingChanges.compare(tree(against), tree(proposed, "proposed definition")));
  }

  private static DiffReport compare(Supplier<DiffReport> comparison) {
    try {
      return comparison.get();
    } catch (DiffTooLargeException e) {
      throw new HttpError(422, "InputError", e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new HttpError(422, "InputError", "The versions cannot be compared: " + e.getMessage(), e);
    }
  }

  private byte[] content(VersionInfo version) {
    return store.content(version).orElseThrow(() -> HttpError.notFound(
        "The definition of version " + version.version() + " is missing from the blob store")).content();
  }

  private String sdl(VersionInfo version) {
    return new String(content(version), StandardCharsets.UTF_8);
  }

  private JsonNode tree(VersionInfo version) {
    return read(() -> jsonForms.tree(version, () -> content(version)), "version " + version.version());
  }

  private JsonNode tree(byte[] content, String what) {
    return read(() -> validator.tree(content), what);
  }

  private static JsonNode read(Supplier<JsonNode> reading, String what) {
    try {
      return reading.get();
    } catch (DefinitionTooLargeException e) {
      throw Reports.tooLarge(e);
    } catch (UnreadableDefinitionException e) {
      throw HttpError.inputError("The " + what + " cannot be read: " + e.getMessage());
    }
  }
}
