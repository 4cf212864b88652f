package dev.backlot.apidocs.validation;

/** A definition that cannot be read at all: not YAML or JSON, or over one of the {@link Limits}. */
public class UnreadableDefinitionException extends RuntimeException {
  private final Problem problem;

  UnreadableDefinitionException(String message, String location) {
    super(location == null ? message : message + " (" + location + ")");
    this.problem = new Problem(message, location);
  }

  public Problem problem() {
    return problem;
  }
}
