package dev.backlot.apidocs.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * swagger-parser (OpenAPI 2.0, 3.0 and 3.1) as the plugin uses it: on JSON text the safe reader
 * produced, with every kind of reference resolution off. Resolving would fetch remote {@code $ref}s
 * (server-side request forgery) and read relative ones from the server's own disk.
 */
final class OpenApiParsing {
  private static final Pattern ATTRIBUTE = Pattern.compile("attribute (\\S+)");
  private static final Pattern REF_AT = Pattern.compile("^(\\S+)\\.\\$ref target ");
  /** swagger-parser writes {@code paths.'/a'(get).responses}; the reports write {@code paths./a.get.responses}. */
  private static final Pattern QUOTED = Pattern.compile("'([^']*)'");
  private static final Pattern METHOD = Pattern.compile("\\((\\w+)\\)");

  private OpenApiParsing() {}

  static ParseOptions options() {
    ParseOptions options = new ParseOptions();
    options.setResolve(false);
    options.setResolveFully(false);
    options.setResolveCombinators(false);
    options.setResolveRequestBody(false);
    options.setResolveResponses(false);
    options.setValidateExternalRefs(false);
    options.setSafelyResolveURL(true);
    options.setFlatten(false);
    return options;
  }

  /**
   * Parses the tree the safe reader built. OpenAPI 3.x is deserialized from the tree itself (no
   * second parse of the text, a third of the time on a 3 MB definition); 2.0 goes through the
   * converter, which reads text.
   */
  static SwaggerParseResult parse(JsonNode document, SafeDocumentReader reader) {
    if (!document.has("openapi")) {
      return parse(reader.toJson(document));
    }
    try {
      SwaggerParseResult result = new OpenAPIV3Parser().parseJsonNode(null, document, options());
      return result == null ? SwaggerParseResult.ofError("swagger-parser could not read the definition") : result;
    } catch (RuntimeException e) {
      return SwaggerParseResult.ofError("swagger-parser could not read the definition: " + e);
    }
  }

  private static SwaggerParseResult parse(String json) {
    SwaggerParseResult result;
    try {
      // A null location: relative refs have nothing to resolve against, even if resolution were on.
      result = new OpenAPIParser().readContents(json, null, options());
    } catch (RuntimeException e) {
      // Its 2.0 converter throws on some malformed schemas (a NullPointerException for an unknown
      // type with properties): the definition is unreadable, not the server broken.
      return SwaggerParseResult.ofError("swagger-parser could not read the definition: " + e);
    }
    return result == null ? SwaggerParseResult.ofError("swagger-parser could not read the definition") : result;
  }

  /** swagger-parser's messages as errors and warnings, each with the attribute path it names. */
  static void classify(SwaggerParseResult result, List<Problem> errors, List<Problem> warnings) {
    List<String> messages = result.getMessages() == null ? List.of() : new ArrayList<>(result.getMessages());
    for (String message : messages) {
      if (message == null) {
        continue;
      }
      Problem problem = new Problem(message, location(message));
      // Unknown and deprecated attributes do not stop a client generator, nor do extension names
      // the OpenAPI Initiative reserves (x-oai-, x-oas-); everything else does.
      if (message.contains("is unexpected") || message.contains("deprecated") || message.contains("is reserved by The OpenAPI Initiative")) {
        warnings.add(problem);
      } else {
        errors.add(problem);
      }
    }
    if (result.getOpenAPI() == null && errors.isEmpty()) {
      errors.add(new Problem("Not an OpenAPI definition swagger-parser can read", null));
    }
  }

  private static String location(String message) {
    Matcher attribute = ATTRIBUTE.matcher(message);
    Matcher ref = REF_AT.matcher(message);
    String at = attribute.find() ? attribute.group(1) : ref.find() ? ref.group(1) : null;
    return at == null ? null : METHOD.matcher(QUOTED.matcher(at).replaceAll("$1")).replaceAll(".$1");
  }
}
