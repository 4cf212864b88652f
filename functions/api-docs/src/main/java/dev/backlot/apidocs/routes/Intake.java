package dev.backlot.apidocs.routes;

import dev.backlot.apidocs.storage.ApiRef;
import dev.backlot.apidocs.storage.DefinitionStore;
import dev.backlot.apidocs.validation.DefinitionFormat;
import dev.backlot.apidocs.validation.DefinitionValidator;
import dev.backlot.apidocs.validation.Validation;

/** Validates a definition and stores it: the one path by which uploads and the catalog sync store. */
final class Intake {
  private final DefinitionValidator validator;
  private final DefinitionStore store;

  Intake(DefinitionValidator validator, DefinitionStore store) {
    this.validator = validator;
    this.store = store;
  }

  record Outcome(Validation validation, DefinitionStore.Saved saved) {}

  /** Validates, then stores unless {@code strict} and the definition has errors (saved is null then). */
  Outcome take(ApiRef api, byte[] content, DefinitionFormat hint, String source, boolean strict) {
    Validation validation = validator.validate(content, hint);
    if (strict && !validation.valid()) {
      return new Outcome(validation, null);
    }
    return new Outcome(validation, store.save(api, content, validation, source));
  }

  DefinitionValidator validator() {
    return validator;
  }
}
