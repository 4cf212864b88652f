package dev.backlot.apidocs.validation;

import java.util.Locale;
import java.util.Optional;

/** The kinds of definition the plugin keeps; the ids match Backstage's API entity {@code spec.type}. */
public enum DefinitionFormat {
  OPENAPI("openapi"),
  ASYNCAPI("asyncapi"),
  GRAPHQL("graphql");

  private final String id;

  DefinitionFormat(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  /** The format named {@code id} ({@code openapi}, {@code asyncapi}, {@code graphql}), any case. */
  public static Optional<DefinitionFormat> byId(String id) {
    if (id == null) {
      return Optional.empty();
    }
    String wanted = id.trim().toLowerCase(Locale.ROOT);
    for (DefinitionFormat format : values()) {
      if (format.id.equals(wanted)) {
        return Optional.of(format);
      }
    }
    return Optional.empty();
  }
}
