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
import dev.backlot.platform.http.HttpError;
import java.nio.charset.StandardCharsets;

/**
 * Compares stored versions (or a proposal with one) of the same format: reads each within the
 * plugin's limits and answers the errors callers get when they cannot be compared.
 */
final class VersionComparison {
  private final DefinitionStore store;
  private final DefinitionValidator validator;
  private final BreakingChanges breakingChanges = new BreakingChanges();

  VersionComparison(DefinitionStore store, DefinitionValidator validator) {
    this.store = store;
    this.validator = validator;
  }

  DiffReport compare(VersionInfo from, VersionInfo to) {
    if (!from.format().equals(to.format())) {
      throw new HttpError(422, "InputError", "Version " + from.version() + " is " + from.format() + " and version " + to.version()
          + " is " + to.format() + "; only versions of the same format can be compared");
    }
    return compare(from.format(), content(from), "version " + from.version(), content(to), "version " + to.version());
  }

  /** {@code proposed} read as {@code against}'s format. */
  DiffReport compare(VersionInfo against, byte[] proposed) {
    return compare(against.format(), content(against), "version " + against.version(), proposed, "proposed definition");
  }

  private DiffReport compare(String format, byte[] older, String olderName, byte[] newer, String newerName) {
    try {
      if (format.equals("graphql")) {
        return breakingChanges.compareGraphql(new String(older, StandardCharsets.UTF_8), new String(newer, StandardCharsets.UTF_8));
      }
      return breakingChanges.compare(tree(older, olderName), tree(newer, newerName));
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

  private JsonNode tree(byte[] content, String what) {
    try {
      return validator.tree(content);
    } catch (DefinitionTooLargeException e) {
      throw Reports.tooLarge(e);
    } catch (UnreadableDefinitionException e) {
      throw HttpError.inputError("The " + what + " cannot be read: " + e.getMessage());
    }
  }
}
