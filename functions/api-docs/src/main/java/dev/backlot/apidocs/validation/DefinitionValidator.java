package dev.backlot.apidocs.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Recognises a definition's format, reads it within the {@link Limits} and validates it by its
 * format's rules: {@link OpenApiChecks}, {@link AsyncApiChecks}, {@link GraphqlChecks}. What cannot
 * be read as its format is an {@link UnreadableDefinitionException}; everything else is a
 * {@link Validation} with errors and warnings. Nothing here fetches anything: external references
 * are reported, not followed.
 */
public final class DefinitionValidator {
  private final SafeDocumentReader reader;
  private final Limits limits;

  public DefinitionValidator(Limits limits) {
    this.limits = limits;
    this.reader = new SafeDocumentReader(limits);
  }

  public Limits limits() {
    return limits;
  }

  /** Validates {@code content}; {@code hint} (may be null) is the format the caller says it is. */
  public Validation validate(byte[] content, DefinitionFormat hint) {
    String text = new String(content, StandardCharsets.UTF_8);
    if (hint == DefinitionFormat.GRAPHQL || (hint == null && GraphqlChecks.looksLikeSdl(text))) {
      reader.refuseOversized(content);
      List<Problem> errors = new ArrayList<>();
      GraphqlChecks.check(text, limits, errors);
      return new Validation(DefinitionFormat.GRAPHQL, null, null, null, errors, List.of(), null);
    }
    JsonNode document = reader.read(content);
    List<Problem> errors = new ArrayList<>();
    List<Problem> warnings = new ArrayList<>();
    ExternalRefs.warn(document, warnings);
    String title = document.path("info").path("title").isTextual() ? document.path("info").path("title").asText() : null;
    String apiVersion = document.path("info").path("version").isValueNode() ? document.path("info").path("version").asText() : null;
    if (document.has("asyncapi")) {
      AsyncApiChecks.check(document, errors, warnings);
      return new Validation(DefinitionFormat.ASYNCAPI, document.path("asyncapi").asText(), title, apiVersion, errors, warnings, null);
    }
    if (!document.has("openapi") && !document.has("swagger")) {
      throw new UnreadableDefinitionException("Definition names no openapi, swagger or asyncapi version", null);
    }
    String specVersion = document.has("openapi") ? document.path("openapi").asText() : document.path("swagger").asText();
    OpenApiChecks.check(document, reader, errors, warnings);
    return new Validation(DefinitionFormat.OPENAPI, specVersion, title, apiVersion, errors, warnings, null);
  }

  /** The definition as a tree, for serving it as JSON or YAML. */
  public JsonNode tree(byte[] content) {
    return reader.read(content);
  }
}
