package dev.backlot.scaffolder.expression;

/** An expression that cannot be parsed or evaluated, or that went over a limit; the message says which and where. */
public final class ExpressionException extends RuntimeException {
  public ExpressionException(String message) {
    super(message);
  }
}
