package dev.backlot.scaffolder.template;

/** A template entity the scaffolder cannot run: the message says what is wrong, for a 400 answer. */
public final class InvalidTemplateException extends RuntimeException {
  public InvalidTemplateException(String message) {
    super(message);
  }
}
