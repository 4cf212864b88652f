package dev.backlot.scaffolder.expression;

/**
 * What one rendering may spend: evaluation steps (every node, every loop iteration) and output
 * characters. A template that goes over either fails with an {@link ExpressionException} instead
 * of holding the instance or its memory.
 */
public final class Budget {
  /** Evaluation steps per rendering. */
  public static final long MAX_STEPS = 1_000_000;
  /** Characters of any one string a rendering produces, the rendered text included. */
  public static final int MAX_CHARS = 4 * 1024 * 1024;
  /** Items {@code range()} may produce. */
  public static final int MAX_RANGE = 10_000;

  private long steps;

  void step() {
    if (++steps > MAX_STEPS) {
      throw new ExpressionException("evaluation took more than " + MAX_STEPS + " steps");
    }
  }

  static String checked(String text) {
    if (text.length() > MAX_CHARS) {
      throw new ExpressionException("a value would be longer than " + MAX_CHARS + " characters");
    }
    return text;
  }

  static void checkLength(long length) {
    if (length > MAX_CHARS) {
      throw new ExpressionException("a value would be longer than " + MAX_CHARS + " characters");
    }
  }
}
