package dev.backlot.apidocs.validation;

import graphql.GraphQLError;
import graphql.language.Document;
import graphql.language.SourceLocation;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import graphql.parser.exceptions.ParseCancelledException;
import graphql.parser.exceptions.ParseCancelledTooDeepException;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import graphql.schema.idl.errors.SchemaProblem;
import java.util.List;
import java.util.regex.Pattern;

/**
 * GraphQL SDL: recognised by its first definition keyword, parsed by graphql-java within the
 * plugin's {@link Limits} (characters, tokens) and validated as a schema (types that exist,
 * interfaces implemented, a query type, directives used as declared). SDL that does not parse is
 * unreadable, as YAML that does not parse is.
 */
final class GraphqlChecks {
  /** graphql-java's own default for how deep its grammar may recurse; SDL nests far less. */
  static final int MAX_RULE_DEPTH = ParserOptions.MAX_RULE_DEPTH;

  private static final Pattern FIRST_DEFINITION =
      Pattern.compile("^(\"\"\"|\"|(type|interface|input|enum|union|scalar|directive|extend|schema)(\\s+[_A-Za-z@]|\\s*\\{|$))");

  private GraphqlChecks() {}

  /** Whether the text starts, after comments, like SDL rather than YAML or JSON. */
  static boolean looksLikeSdl(String text) {
    for (String line : text.lines().limit(200).toList()) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      return FIRST_DEFINITION.matcher(trimmed).find();
    }
    return false;
  }

  static void check(String sdl, Limits limits, List<Problem> errors) {
    if (sdl.isBlank()) {
      throw new UnreadableDefinitionException("GraphQL schema is empty", null);
    }
    TypeDefinitionRegistry registry;
    try {
      registry = new SchemaParser().buildRegistry(parse(sdl, limits));
    } catch (SchemaProblem problem) {
      // Not a schema: operations or fragments among the definitions.
      problem.getErrors().forEach(error -> errors.add(problem(error)));
      return;
    }
    try {
      UnExecutableSchemaGenerator.makeUnExecutableSchema(registry);
    } catch (SchemaProblem problem) {
      problem.getErrors().forEach(error -> errors.add(problem(error)));
    } catch (RuntimeException e) {
      // graphql-java's assertions on a schema it cannot build.
      errors.add(new Problem("GraphQL schema cannot be built: " + e.getMessage(), null));
    }
  }

  private static Document parse(String sdl, Limits limits) {
    int cap = (int) Math.min(Integer.MAX_VALUE, limits.maxNodes());
    ParserOptions options = ParserOptions.newParserOptions()
        .maxCharacters((int) Math.min(Integer.MAX_VALUE, limits.maxBytes()))
        .maxTokens(cap)
        .maxWhitespaceTokens(cap)
        .maxRuleDepth(MAX_RULE_DEPTH)
        .captureSourceLocation(true)
        .captureLineComments(false)
        .build();
    try {
      return new Parser().parseDocument(ParserEnvironment.newParserEnvironment().document(sdl).parserOptions(options).build());
    } catch (ParseCancelledTooDeepException e) {
      throw new UnreadableDefinitionException("GraphQL schema is nested deeper than the parser allows: " + e.getMessage(), null);
    } catch (ParseCancelledException e) {
      throw new DefinitionTooLargeException("GraphQL schema is over a parser limit: " + e.getMessage());
    } catch (InvalidSyntaxException e) {
      SourceLocation at = e.getLocation();
      throw new UnreadableDefinitionException("Invalid GraphQL: " + e.getMessage(), at == null ? null : where(at));
    }
  }

  private static Problem problem(GraphQLError error) {
    List<SourceLocation> locations = error.getLocations();
    return new Problem(error.getMessage(), locations == null || locations.isEmpty() ? null : where(locations.get(0)));
  }

  private static String where(SourceLocation at) {
    return "line " + at.getLine() + ", column " + at.getColumn();
  }
}
