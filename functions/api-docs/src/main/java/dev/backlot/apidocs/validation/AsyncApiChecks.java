package dev.backlot.apidocs.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The structure AsyncAPI 2.x and 3.x require at the top level. No maintained AsyncAPI parser
 * exists for Java, so this is as far as validation goes; the note says so.
 */
final class AsyncApiChecks {
  static final String NOTE = "AsyncAPI is checked for its required top-level structure only; no full AsyncAPI parser is bundled";

  private AsyncApiChecks() {}

  static void check(JsonNode document, List<Problem> errors) {
    String version = document.path("asyncapi").asText("");
    if (!version.matches("[23]\\.\\d+\\.\\d+")) {
      errors.add(new Problem("asyncapi must be a 2.x.y or 3.x.y version string", "asyncapi"));
    }
    JsonNode info = document.path("info");
    if (!info.isObject()) {
      errors.add(new Problem("info is missing", "info"));
    } else {
      if (!info.path("title").isTextual()) {
        errors.add(new Problem("info.title is missing", "info.title"));
      }
      if (!info.path("version").isTextual()) {
        errors.add(new Problem("info.version is missing", "info.version"));
      }
    }
    boolean channelsRequired = version.startsWith("2.");
    JsonNode channels = document.path("channels");
    if (channelsRequired && !channels.isObject()) {
      errors.add(new Problem("channels is missing (required by AsyncAPI 2)", "channels"));
    } else if (!channels.isMissingNode() && !channels.isObject()) {
      errors.add(new Problem("channels must be an object", "channels"));
    }
  }
}
