package dev.backlot.apidocs.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.backlot.apidocs.storage.VersionInfo;
import dev.backlot.apidocs.validation.DefinitionValidator;
import dev.backlot.platform.blob.Blob;
import dev.backlot.platform.http.HttpError;
import dev.backlot.platform.http.Json;
import dev.backlot.platform.http.Response;

/** Serves a stored definition as written ({@code as=raw}), or converted to JSON or YAML. */
final class DefinitionRendering {
  private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      // Else the string "2.0" (swagger: "2.0") would be written bare and read back as a number.
      .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
      .build());

  private final DefinitionValidator validator;

  DefinitionRendering(DefinitionValidator validator) {
    this.validator = validator;
  }

  Response render(VersionInfo version, Blob blob, String as) {
    // Content addressed: a version's bytes never change, so clients and proxies may keep them.
    String etag = "\"" + version.version() + "\"";
    return switch (as) {
      case "raw" -> Response.stream(200, version.contentType(), out -> out.write(blob.content()))
          .withHeader("ETag", etag).withHeader("Cache-Control", "private, max-age=31536000, immutable");
      case "json", "yaml" -> {
        if (version.format().equals("graphql")) {
          throw HttpError.inputError("GraphQL SDL is served as written only (as=raw)");
        }
        JsonNode tree = validator.tree(blob.content());
        ObjectMapper mapper = as.equals("json") ? Json.MAPPER : YAML;
        String type = as.equals("json") ? "application/json; charset=utf-8" : "application/yaml; charset=utf-8";
        yield Response.stream(200, type, out -> mapper.writeValue(new NonClosing(out), tree))
            .withHeader("ETag", "\"" + version.version() + "-" + as + "\"");
      }
      default -> throw HttpError.inputError("as must be raw, json or yaml");
    };
  }

  /** Jackson closes the stream it writes to; the router closes the response body itself. */
  private static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(java.io.OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws java.io.IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws java.io.IOException {
      flush();
    }
  }
}
