package dev.backlot.apidocs.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OpenAPI 2.0, 3.0 and 3.1: the OpenAPI Initiative's JSON Schema of the version, then
 * swagger-parser's semantic checks with the places where they contradict 3.1 taken out
 * ({@link SemanticGaps}). A newer version than those (3.2) is checked by 3.1's rules, and what
 * they find is reported as warnings, since it may be the newer version's own features.
 */
final class OpenApiChecks {
  /** The version the rules of a newer definition are borrowed from. */
  private static final String NEWEST_KNOWN = "3.1.1";
  // At most nine digits each, so that parsing them cannot overflow an int (the fuzzer sent
  // "openapi: 3000…0.0", a 500 until then): a longer number is no version Backlot knows.
  private static final Pattern MAJOR_MINOR = Pattern.compile("(\\d{1,9})\\.(\\d{1,9})(\\..*)?");

  private OpenApiChecks() {}

  static void check(JsonNode document, SafeDocumentReader reader, List<Problem> errors, List<Problem> warnings) {
    boolean swagger = !document.has("openapi");
    String version = swagger ? document.path("swagger").asText("") : document.path("openapi").asText("");
    Rules rules = rules(swagger, version);
    if (rules == null) {
      errors.add(new Problem((swagger ? "swagger " : "openapi ") + version
          + " is not a version Backlot knows (swagger 2.0, openapi 3.0.x, 3.1.x)", swagger ? "swagger" : "openapi"));
      return;
    }
    JsonNode checked = document;
    List<Problem> found = rules.newer ? new ArrayList<>() : errors;
    if (rules.newer) {
      warnings.add(new Problem("openapi " + version + " is newer than the versions Backlot validates (2.0, 3.0, 3.1): it was checked"
          + " against OpenAPI 3.1's rules and what they find is reported as warnings", "openapi"));
      // A shallow copy: only the version changes, the rest is shared with the definition.
      ObjectNode asNewestKnown = JsonNodeFactory.instance.objectNode().setAll((ObjectNode) document);
      asNewestKnown.put("openapi", NEWEST_KNOWN);
      checked = asNewestKnown;
    }
    List<Problem> schemaErrors = new ArrayList<>();
    List<Problem> schemaWarnings = new ArrayList<>();
    OfficialSchemas.check(rules.schema, checked, schemaErrors, schemaWarnings);
    found.addAll(schemaErrors);
    warnings.addAll(schemaWarnings);
    Set<String> reported = new HashSet<>();
    schemaErrors.forEach(p -> reported.add(p.location()));
    schemaWarnings.forEach(p -> reported.add(p.location()));
    List<Problem> semanticErrors = new ArrayList<>();
    List<Problem> semanticWarnings = new ArrayList<>();
    OpenApiParsing.classify(OpenApiParsing.parse(checked, reader), semanticErrors, semanticWarnings);
    for (Problem problem : semanticErrors) {
      if (!SemanticGaps.isFalseError(problem, rules.schema, checked) && !reportedAlready(problem, reported)) {
        found.add(problem);
      }
    }
    semanticWarnings.stream().filter(problem -> !reportedAlready(problem, reported)).forEach(warnings::add);
    if (rules.newer) {
      warnings.addAll(found);
    }
  }

  /** The same finding from both checks is reported once, the schema's. */
  private static boolean reportedAlready(Problem problem, Set<String> reported) {
    return problem.location() != null && reported.contains(problem.location());
  }

  /** Which bundled schema checks a definition, and whether its version is newer than that schema's. */
  private record Rules(String schema, boolean newer) {}

  private static Rules rules(boolean swagger, String version) {
    if (swagger) {
      return version.equals("2.0") ? new Rules("openapi-2.0", false) : null;
    }
    Matcher matcher = MAJOR_MINOR.matcher(version);
    if (!matcher.matches()) {
      return null;
    }
    int major = Integer.parseInt(matcher.group(1));
    int minor = Integer.parseInt(matcher.group(2));
    if (major == 3 && minor <= 1) {
      return new Rules("openapi-3." + minor, false);
    }
    return major >= 3 ? new Rules("openapi-3.1", true) : null;
  }
}
