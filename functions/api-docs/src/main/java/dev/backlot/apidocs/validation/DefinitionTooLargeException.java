package dev.backlot.apidocs.validation;

/**
 * A definition over a size {@link Limits limit}: more bytes, or more values once YAML aliases are
 * followed, than the plugin reads. Routes answer it as a 413, as they do an oversized body.
 */
public final class DefinitionTooLargeException extends UnreadableDefinitionException {
  DefinitionTooLargeException(String message) {
    super(message, null);
  }
}
