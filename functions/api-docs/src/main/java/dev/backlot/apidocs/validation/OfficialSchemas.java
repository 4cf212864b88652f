package dev.backlot.apidocs.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.resource.SchemaLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Definitions against the official JSON Schemas of their format, bundled under
 * {@code dev/backlot/apidocs/schemas/} (sources and licences in the NOTICE there). Each schema is
 * compiled on first use and kept: a cold start pays only for the formats it meets.
 *
 * <p>The schema loader has no remote loader: a {@code $ref} or {@code $schema} to anything but
 * the bundled files and the validator's own meta-schemas fails to load instead of being fetched.
 * The definition itself is only ever an instance, never loaded as a schema.
 */
final class OfficialSchemas {
  private static final String FOLDER = "classpath:dev/backlot/apidocs/schemas/";
  private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
      builder -> builder.schemaLoader(SchemaLoader.builder().fetchRemoteResources(false).build()));
  private static final Map<String, Schema> COMPILED = new ConcurrentHashMap<>();
  /** Keywords that find a property the schema does not define. */
  private static final Set<String> UNDEFINED_PROPERTY = Set.of("additionalProperties", "unevaluatedProperties");
  /** Keywords whose errors are about one property of the object at their location: the location names it. */
  private static final Set<String> NAMES_A_PROPERTY = Set.of("required", "additionalProperties", "unevaluatedProperties");

  private OfficialSchemas() {}

  /** Whether a bundled schema named {@code name} ({@code openapi-3.1}, {@code asyncapi-2.6.0}) exists. */
  static boolean has(String name) {
    return OfficialSchemas.class.getResource("/dev/backlot/apidocs/schemas/" + name + ".json") != null;
  }

  /**
   * What the schema {@code name} finds in {@code document}, each at its dotted path: properties the
   * schema does not define are warnings (they stop no client generator, as swagger-parser has it),
   * everything else errors.
   */
  static void check(String name, JsonNode document, List<Problem> errors, List<Problem> warnings) {
    List<Error> found = validate(name, document);
    List<Problem> problems = problems(found);
    for (int i = 0; i < found.size(); i++) {
      if (problems.get(i) != null) {
        (UNDEFINED_PROPERTY.contains(found.get(i).getKeyword()) ? warnings : errors).add(problems.get(i));
      }
    }
  }

  private static List<Error> validate(String name, JsonNode document) {
    Schema schema = COMPILED.computeIfAbsent(name, n -> REGISTRY.getSchema(SchemaLocation.of(FOLDER + n + ".json")));
    return schema.validate(document);
  }

  /** A problem per error, null where it is only the echo of another. */
  private static List<Problem> problems(List<Error> errors) {
    List<Problem> problems = new ArrayList<>();
    for (Error error : errors) {
      problems.add(new Problem(error.getMessage(), location(error)));
    }
    // A property that fails its own schema counts as not evaluated in JSON Schema 2020-12, so its
    // parent also reports it as unexpected: an echo of the real error, left out.
    List<Problem> withoutEchoes = new ArrayList<>(problems);
    for (int i = 0; i < errors.size(); i++) {
      String at = problems.get(i).location();
      boolean echo = at != null && "unevaluatedProperties".equals(errors.get(i).getKeyword()) && problems.stream().anyMatch(p -> p.location() != null
          && p.location().length() > at.length() && p.location().startsWith(at) && ".[".indexOf(p.location().charAt(at.length())) >= 0);
      if (echo) {
        withoutEchoes.set(i, null);
      }
    }
    return withoutEchoes;
  }

  /** The instance location as the reports write paths ({@code paths./pets.get.responses}); a missing property is named. */
  private static String location(Error error) {
    StringBuilder at = new StringBuilder();
    var path = error.getInstanceLocation();
    for (int i = 0; i < path.getNameCount(); i++) {
      Object element = path.getElement(i);
      if (element instanceof Integer index) {
        at.append('[').append(index).append(']');
      } else {
        at.append(at.isEmpty() ? "" : ".").append(element);
      }
    }
    if (NAMES_A_PROPERTY.contains(error.getKeyword()) && error.getProperty() != null) {
      at.append(at.isEmpty() ? "" : ".").append(error.getProperty());
    }
    return at.isEmpty() ? null : at.toString();
  }
}
