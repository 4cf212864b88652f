package dev.backlot.apidocs.validation;

import java.util.List;

/**
 * What validating a definition found.
 *
 * @param format the kind of definition
 * @param specVersion the version of its specification ({@code 3.0.3}, {@code 2.0}, {@code 2.6.0}),
 *     null when it names none (GraphQL)
 * @param title {@code info.title}, when there is one
 * @param apiVersion {@code info.version}, the API's own version
 * @param errors what makes the definition invalid
 * @param warnings what is allowed but suspicious, such as external {@code $ref}s left unresolved
 * @param note a remark on the report as a whole, such as that it was stored before reports were kept; null mostly
 */
public record Validation(
    DefinitionFormat format,
    String specVersion,
    String title,
    String apiVersion,
    List<Problem> errors,
    List<Problem> warnings,
    String note) {

  public Validation {
    errors = List.copyOf(errors);
    warnings = List.copyOf(warnings);
  }

  public boolean valid() {
    return errors.isEmpty();
  }
}
