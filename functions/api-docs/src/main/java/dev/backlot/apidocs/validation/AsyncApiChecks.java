package dev.backlot.apidocs.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AsyncAPI 2.x and 3.x against the AsyncAPI Initiative's JSON Schema of the exact version
 * ({@code @asyncapi/specs}, bundled). A newer minor version than the bundled ones is checked by the
 * newest schema of its major version, and what that finds is reported as warnings.
 */
final class AsyncApiChecks {
  /** The newest bundled schema of each major version Backlot knows. */
  private static final List<String> NEWEST = List.of("2.6.0", "3.1.0");
  private static final Pattern VERSION = Pattern.compile("([23])\\.(\\d+)\\.(\\d+)");

  private AsyncApiChecks() {}

  static void check(JsonNode document, List<Problem> errors, List<Problem> warnings) {
    String version = document.path("asyncapi").asText("");
    Matcher matcher = VERSION.matcher(version);
    if (!matcher.matches()) {
      errors.add(new Problem("asyncapi " + version + " is not a version Backlot knows (2.0.0 to 2.6.0, 3.0.0, 3.1.0)", "asyncapi"));
      return;
    }
    String exact = matcher.group(1) + "." + matcher.group(2) + ".0";
    if (OfficialSchemas.has("asyncapi-" + exact) && matcher.group(3).equals("0")) {
      OfficialSchemas.check("asyncapi-" + exact, document, errors, warnings);
      return;
    }
    String newest = NEWEST.get(Integer.parseInt(matcher.group(1)) - 2);
    warnings.add(new Problem("asyncapi " + version + " is newer than the versions Backlot validates: it was checked against AsyncAPI "
        + newest + "'s schema and what it finds is reported as warnings", "asyncapi"));
    // A shallow copy: only the version changes, the rest is shared with the definition.
    ObjectNode asNewest = JsonNodeFactory.instance.objectNode().setAll((ObjectNode) document);
    asNewest.put("asyncapi", newest);
    OfficialSchemas.check("asyncapi-" + newest, asNewest, warnings, warnings);
  }
}
